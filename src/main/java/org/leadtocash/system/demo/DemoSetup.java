package org.leadtocash.system.demo;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.leadtocash.shared.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo users (profile {@code demo} only), named after the people of the source text, each with the password equal
 * to the user id, in their groups. Each feature seeds its own demo data after this (the sales roster and sample leads
 * in {@code lead}, the catalogue in {@code quote}, payment journeys in {@code payment}). Idempotent.
 */
@Component
@ConditionalOnProperty(name = "leadtocash.demo.enabled", havingValue = "true")
class DemoSetup {
    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);

    /** Camunda shows "first last": the Chinese name first, then the English one, e.g. "张伟 Zhang Wei". */
    record DemoUser(String id, String chineseName, String englishName, String group) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("zhangwei", "张伟", "Zhang Wei", Groups.SALES_REP),
            new DemoUser("lina", "李娜", "Li Na", Groups.SALES_REP),
            new DemoUser("wangfang", "王芳", "Wang Fang", Groups.SALES_REP),
            new DemoUser("chenjing", "陈静", "Chen Jing", Groups.SALES_REP),
            new DemoUser("liuyang", "刘洋", "Liu Yang", Groups.SALES_REP),
            new DemoUser("zhaoqiang", "赵强", "Zhao Qiang", Groups.SALES_REP),
            new DemoUser("sunli", "孙丽", "Sun Li", Groups.SALES_REP),
            new DemoUser("limin", "李敏", "Li Min", Groups.SALES_MANAGER),
            new DemoUser("wanglei", "王磊", "Wang Lei", Groups.REGIONAL_DIRECTOR),
            new DemoUser("zhoujie", "周洁", "Zhou Jie", Groups.LEGAL),
            new DemoUser("wufang", "吴芳", "Wu Fang", Groups.FINANCE),
            new DemoUser("zhengmin", "郑敏", "Zheng Min", Groups.MARKETING));

    private final IdentityService identityService;

    DemoSetup(IdentityService identityService) {
        this.identityService = identityService;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(3)
    public void setUp() {
        for (DemoUser u : USERS) {
            if (identityService.createUserQuery().userId(u.id()).count() == 0) {
                User user = identityService.newUser(u.id());
                user.setFirstName(u.chineseName());
                user.setLastName(u.englishName());
                user.setEmail(u.id() + "@demo.leadtocash.example");
                user.setPassword(u.id());
                identityService.saveUser(user);
            }
            if (identityService.createGroupQuery().groupMember(u.id()).groupId(u.group()).count() == 0) {
                identityService.createMembership(u.id(), u.group());
            }
        }
        log.info("Demo users ready (password = user id): {}", USERS.stream().map(DemoUser::id).toList());
    }
}
