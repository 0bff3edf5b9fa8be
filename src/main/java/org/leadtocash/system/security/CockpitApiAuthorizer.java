package org.leadtocash.system.security;

import java.util.Map;

import org.camunda.bpm.webapp.impl.security.filter.ApplicationRequestAuthorizer;
import org.camunda.bpm.webapp.impl.security.filter.Authorization;
import org.camunda.bpm.webapp.impl.security.filter.EngineRequestAuthorizer;
import org.camunda.bpm.webapp.impl.security.filter.RequestAuthorizer;

/**
 * The rule for Cockpit's plugin API ({@code /camunda/api/cockpit/plugin/…}) in
 * {@code leadtocash-security-filter-rules.json}: a webapp login (Camunda's EngineRequestAuthorizer, else 401) and
 * Cockpit access (ApplicationRequestAuthorizer, else 403). Camunda's default rule asks only for the login, so a rep
 * logged into Tasklist could read Cockpit's statistics of every process definition. ApplicationRequestAuthorizer alone
 * lets anonymous requests through: it is written for pages that then show the login form.
 */
public class CockpitApiAuthorizer implements RequestAuthorizer {
    private final RequestAuthorizer login = new EngineRequestAuthorizer();
    private final RequestAuthorizer application = new ApplicationRequestAuthorizer();

    @Override
    public Authorization authorize(Map<String, String> parameters) {
        Authorization loggedIn = login.authorize(parameters);
        if (!loggedIn.isGranted()) {
            return loggedIn;
        }
        return application.authorize(parameters);
    }
}
