package org.leadtocash.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.leadtocash.LeadToCashApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.mock.env.MockEnvironment;

class ProductionSafetyCheckTests {
    private final ProductionSafetyCheck check = new ProductionSafetyCheck();

    private static MockEnvironment postgres() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("postgres");
        return env;
    }

    @Test
    void refusesTheDemoSetUpOnPostgres() {
        MockEnvironment env = postgres().withProperty("leadtocash.demo.enabled", "true");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, new SpringApplication()))
                .hasMessageContaining("leadtocash.demo.enabled");
    }

    @Test
    void refusesDefaultAndWeakAdminPasswords() {
        for (String weak : new String[] {"admin", "demo", "Password", "short-pw", "camunda-admin1"}) {
            MockEnvironment env = postgres().withProperty("camunda.bpm.admin-user.id", "camunda-admin1")
                    .withProperty("camunda.bpm.admin-user.password", weak);
            assertThatThrownBy(() -> check.postProcessEnvironment(env, new SpringApplication()))
                    .as(weak).hasMessageContaining("camunda.bpm.admin-user.password");
        }
    }

    @Test
    void refusesDemoChannelKeys() {
        MockEnvironment env = postgres().withProperty("leadtocash.security.channel-keys.WEBSITE_FORM", "demo-website-key");
        assertThatThrownBy(() -> check.postProcessEnvironment(env, new SpringApplication()))
                .hasMessageContaining("channel-keys.WEBSITE_FORM");
    }

    @Test
    void refusesAChatRobotWithoutThePublicBaseUrlItsTaskLinksNeed() {
        for (String robot : new String[] {"leadtocash.notify.dingtalk.webhook-url", "leadtocash.notify.wecom.webhook-url"}) {
            MockEnvironment env = postgres().withProperty(robot, "https://robot.example.cn/send?key=k");
            assertThatThrownBy(() -> check.postProcessEnvironment(env, new SpringApplication()))
                    .as(robot).hasMessageContaining("leadtocash.notify.public-base-url");
            env.setProperty("leadtocash.notify.public-base-url", "https://crm.example.cn");
            assertThatCode(() -> check.postProcessEnvironment(env, new SpringApplication())).as(robot)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void acceptsStrongCredentialsOnPostgresAndAnythingOutsideIt() {
        MockEnvironment strong = postgres().withProperty("camunda.bpm.admin-user.id", "opsadmin")
                .withProperty("camunda.bpm.admin-user.password", "x7Kq-93vLp-Wm21")
                .withProperty("leadtocash.security.channel-keys.WEBSITE_FORM", "3f9c1b7e5d2a4c8e9f0a");
        assertThatCode(() -> check.postProcessEnvironment(strong, new SpringApplication())).doesNotThrowAnyException();
        MockEnvironment h2Demo = new MockEnvironment().withProperty("leadtocash.demo.enabled", "true")
                .withProperty("camunda.bpm.admin-user.password", "admin");
        assertThatCode(() -> check.postProcessEnvironment(h2Demo, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void theApplicationRefusesToStartWithTheDemoProfileOnPostgres() {
        // fails in the environment phase: no database is touched, no bean is created. The logging system is off for
        // this start: a failed start would otherwise clean up logging for the whole test JVM.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            assertThatThrownBy(() -> SpringApplication.run(LeadToCashApplication.class,
                    "--spring.profiles.active=postgres,demo", "--server.port=0"))
                    .hasStackTraceContaining("Refusing to start the postgres profile");
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }
    }
}
