package org.leadtocash.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * What to do about a stuck payment and by when: the node's suggestion as drawn in the diagram, overridden by the last blocker cause the
 * rep ticked, and a deadline from the engine clock: the first of today 10:00, 14:00, 17:00 or tomorrow 10:00 that is
 * at least one hour away, in the sales team's zone.
 */
final class PaymentAdvice {
    /** The call-back slots of a working day. */
    static final List<LocalTime> SLOTS = List.of(LocalTime.of(10, 0), LocalTime.of(14, 0), LocalTime.of(17, 0));

    private PaymentAdvice() {
    }

    /** The suggested next action: the node's own, as drawn (camunda:property paymentNodeAdvice), unless a cause says more. */
    static String suggestion(JourneyNode node, BlockerCause lastCause) {
        if (lastCause != null) {
            switch (lastCause) {
                case INVOICE_WRONG:
                    return "与财务核对发票信息并重开发票";
                case CUSTOMER_PROCESS_CHANGED:
                    return "电话确认客户新的付款流程和所需材料";
                case BANK_ACCOUNT_FROZEN:
                    return "电话确认客户解冻时间或更换付款账户";
                default:
                    break;
            }
        }
        return node.suggestion();
    }

    /** The first slot at least one hour after {@code now}. */
    static Instant actBy(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime earliest = local.plusHours(1);
        LocalDate day = local.toLocalDate();
        for (LocalTime slot : SLOTS) {
            ZonedDateTime at = day.atTime(slot).atZone(zone);
            if (!at.isBefore(earliest)) {
                return at.toInstant();
            }
        }
        return day.plusDays(1).atTime(SLOTS.get(0)).atZone(zone).toInstant();
    }

    /** "今日10点前", "明日10点前", or a date for anything later. */
    static String when(Instant actBy, Instant now, ZoneId zone) {
        ZonedDateTime at = actBy.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        String time = at.getMinute() == 0 ? at.getHour() + "点" : at.getHour() + "点" + at.getMinute() + "分";
        if (at.toLocalDate().equals(today)) {
            return "今日" + time + "前";
        }
        if (at.toLocalDate().equals(today.plusDays(1))) {
            return "明日" + time + "前";
        }
        return at.getMonthValue() + "月" + at.getDayOfMonth() + "日" + time + "前";
    }

    /** 【张三负责的A医院项目】 */
    static String who(String repName, String customerName, String projectName) {
        String project = projectName == null || projectName.isBlank() ? customerName : projectName;
        if (!project.endsWith("项目")) {
            project = project + "项目";
        }
        return "【" + repName + "负责的" + project + "】";
    }

    /**
     * The source's sentence: "【张三负责的A医院项目】卡在节点③（采购发起付款流程），已超时36小时，建议今日10点前电话确认流程编号";
     * with a known blocker cause, "（排查原因：发票信息错误）" follows the hours.
     */
    static String sentence(String repName, String customerName, String projectName, JourneyNode node, long hoursOverdue,
                           BlockerCause lastCause, String suggestion, Instant actBy, Instant now, ZoneId zone) {
        String overdue = hoursOverdue < 1 ? "刚超时" : "已超时" + hoursOverdue + "小时";
        String cause = lastCause == null ? "" : "（排查原因：" + lastCause.chinese() + "）";
        return who(repName, customerName, projectName) + "卡在" + node.label() + "（" + node.shortChinese() + "），"
                + overdue + cause + "，建议" + when(actBy, now, zone) + suggestion;
    }
}
