package org.leadtocash.erp;

/**
 * A customer to add to U8's customer archive (客户档案), so U8 takes the sale invoices made out to it.
 *
 * @param code        U8 customer code (客户编码): the unified social credit code, as on the sale invoice
 * @param name        the registered name (客户名称)
 * @param address     the registered address (住所), or null
 * @param salesperson U8 person code of the rep who owns the customer (专管业务员), or null
 * @param ourId       our customer id, noted in U8's memo
 */
public record U8Customer(String code, String name, String address, String salesperson, String ourId) {

    /** The hand-off log's key of the customer: {@code CUS-} and the code, apart from every invoice request id. */
    public String bizId() {
        return U8HandOff.CUSTOMER_BIZ_PREFIX + (code == null ? "" : code.strip());
    }
}
