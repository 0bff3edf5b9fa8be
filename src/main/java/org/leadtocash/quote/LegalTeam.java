package org.leadtocash.quote;

import org.camunda.bpm.engine.IdentityService;
import org.leadtocash.shared.Groups;
import org.springframework.stereotype.Component;

/** Who belongs to legal (group {@code legal} in the engine's identity service): only they review contracts. */
@Component
class LegalTeam {
    private final IdentityService identityService;

    LegalTeam(IdentityService identityService) {
        this.identityService = identityService;
    }

    boolean isMember(String userId) {
        return identityService.createGroupQuery().groupMember(userId).groupId(Groups.LEGAL).count() > 0;
    }
}
