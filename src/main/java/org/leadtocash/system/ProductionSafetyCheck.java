package org.leadtocash.system;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the {@code postgres} (production) profile with known credentials: the demo set-up (its users'
 * passwords equal their ids), a weak or default admin password, or a demo channel key; nor with a DingTalk or WeCom
 * robot but no public base URL, whose messages would carry no link to their task. Runs before any bean exists,
 * so nothing is written to the database first.
 */
public class ProductionSafetyCheck implements EnvironmentPostProcessor {
    static final Set<String> KNOWN_DEFAULTS = Set.of("admin", "demo", "password", "camunda", "changeit", "changeme",
            "123456", "12345678", "secret", "postgres", "leadtocash");
    static final int MIN_ADMIN_PASSWORD = 12;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!Arrays.asList(env.getActiveProfiles()).contains("postgres")) {
            return;
        }
        List<String> problems = new java.util.ArrayList<>();
        if (env.getProperty("leadtocash.demo.enabled", Boolean.class, false)) {
            problems.add("leadtocash.demo.enabled: the demo set-up (users whose password is their id) must not run with the postgres profile");
        }
        String adminId = env.getProperty("camunda.bpm.admin-user.id");
        String adminPassword = env.getProperty("camunda.bpm.admin-user.password");
        if (adminId != null || adminPassword != null) {
            if (adminPassword == null || adminPassword.isBlank()) {
                problems.add("camunda.bpm.admin-user.password: an admin user needs a password (set ADMIN_PASSWORD)");
            } else if (KNOWN_DEFAULTS.contains(adminPassword.toLowerCase(Locale.ROOT))
                    || adminPassword.equalsIgnoreCase(adminId) || adminPassword.length() < MIN_ADMIN_PASSWORD) {
                problems.add("camunda.bpm.admin-user.password: a default or weak password is refused (at least "
                        + MIN_ADMIN_PASSWORD + " characters, not the user id, not a well-known default)");
            }
        }
        Binder.get(env).bind("leadtocash.security.channel-keys", Bindable.mapOf(String.class, String.class))
                .ifBound(keys -> keys.forEach((channel, key) -> {
                    if (key != null && (key.startsWith("demo-") || key.length() < 16)) {
                        problems.add("leadtocash.security.channel-keys." + channel
                                + ": demo or short channel keys are refused (at least 16 characters)");
                    }
                }));
        boolean chat = !env.getProperty("leadtocash.notify.dingtalk.webhook-url", "").isBlank()
                || !env.getProperty("leadtocash.notify.wecom.webhook-url", "").isBlank();
        if (chat && env.getProperty("leadtocash.notify.public-base-url", "").isBlank()) {
            problems.add("leadtocash.notify.public-base-url: DingTalk and WeCom messages link to their Tasklist task;"
                    + " set PUBLIC_BASE_URL to the address users open, e.g. https://crm.example.cn");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start the postgres profile with default credentials or missing settings:\n - "
                    + String.join("\n - ", problems));
        }
    }
}
