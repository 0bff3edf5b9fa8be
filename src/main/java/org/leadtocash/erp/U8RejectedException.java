package org.leadtocash.erp;

/**
 * U8 refused the sale invoice: its answer carried an {@code errcode} other than {@code 0} (a business rejection, such
 * as an unknown customer or inventory code), or our own check found data U8 would refuse (errcode
 * {@value #LOCAL_VALIDATION}). Nothing was created in U8; fix the data and hand off again. The process turns this into
 * the BPMN error {@code U8_REJECTED}, which opens the finance task "核对开票信息 Fix invoice data".
 */
public class U8RejectedException extends RuntimeException {
    /** The errcode of a rejection by our own check before sending; the errmsg names the field and the rule. */
    public static final String LOCAL_VALIDATION = "L2C-VALIDATION";

    private final String errcode;
    private final String errmsg;

    public U8RejectedException(String errcode, String errmsg) {
        super("U8 拒收 rejected the sale invoice: errcode " + errcode + ", errmsg " + errmsg);
        this.errcode = errcode;
        this.errmsg = errmsg;
    }

    public String errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }
}
