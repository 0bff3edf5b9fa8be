package org.leadtocash.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints where the webapps are once the application is up. */
@Component
class StartupBanner {
    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @EventListener
    @org.springframework.core.annotation.Order(100)
    public void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        String base = "http://localhost:" + web.getWebServer().getPort();
        log.info("""

                ============================================================
                 Lead-to-Cash is running
                   Tasklist : {}/camunda/app/tasklist/
                   Cockpit  : {}/camunda/app/cockpit/
                   Admin    : {}/camunda/app/admin/
                   REST     : {}/engine-rest  and  {}/api
                ============================================================""", base, base, base, base, base);
    }
}
