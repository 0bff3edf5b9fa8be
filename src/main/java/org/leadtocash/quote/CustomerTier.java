package org.leadtocash.quote;

import java.util.Arrays;
import java.util.List;

/**
 * Customer / store tier, the input of the rebate policy ({@code bpmn/rebate-policy.dmn}). The rates live in the
 * decision table, not here: KA卖场 8%, 社区店 5%, 连锁 6%, 经销商 3%, other 0% as deployed.
 */
enum CustomerTier {
    /** KA卖场 key-account hypermarket */
    KA,
    /** 社区店 community store */
    COMMUNITY,
    /** 连锁 chain store */
    CHAIN,
    /** 经销商 distributor */
    DISTRIBUTOR,
    /** 其他 any other customer */
    OTHER;

    public static List<String> codes() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
