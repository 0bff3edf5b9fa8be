package org.leadtocash.support;

import java.util.List;

/**
 * What a new company brings to its first install, as the first-install tests load it over HTTP and in the browser:
 * its team as a CSV file (a director, a manager, five reps in two regions) and its existing customer book.
 */
public final class FirstInstallData {
    public static final List<String> REPS = List.of("ysrep1", "ysrep2", "ysrep3", "ysrep4", "ysrep5");

    /** The team: the director and the manager lead five reps, three in EAST, two in SOUTH. */
    public static final String TEAM_CSV = "userId,displayName,role,region,mobile,managerId,directorId\n"
            + "ysdir,王总监,DIRECTOR,EAST,13800138000,,\n"
            + "ysmgr,李主管,MANAGER,EAST,13800138001,,ysdir\n"
            + "ysrep1,张一,REP,EAST,13800138011,ysmgr,ysdir\n"
            + "ysrep2,张二,REP,EAST,13800138012,ysmgr,ysdir\n"
            + "ysrep3,张三,REP,EAST,13800138013,ysmgr,ysdir\n"
            + "ysrep4,张四,REP,SOUTH,13800138014,ysmgr,ysdir\n"
            + "ysrep5,张五,REP,SOUTH,13800138015,ysmgr,ysdir\n";

    private FirstInstallData() {
    }

    /** A customer book of {@code count} customers with fresh credit codes, owned in turn by the five reps. */
    public static String customerBook(int count) {
        StringBuilder book = new StringBuilder("统一社会信用代码,名称,类型,法定代表人,注册资本(万元),成立日期,住所,经营范围,门店等级,负责销售\n");
        for (int i = 1; i <= count; i++) {
            book.append(TestData.creditCode()).append(",杭州老客户").append(i).append("号商贸有限公司,有限责任公司,陈").append(i)
                    .append(",100,2012-03-0").append(1 + i % 9).append(",杭州市上城区").append(i).append("号,日用百货销售,")
                    .append(i % 2 == 0 ? "KA" : "CHAIN").append(',').append(REPS.get(i % 5)).append('\n');
        }
        return book.toString();
    }
}
