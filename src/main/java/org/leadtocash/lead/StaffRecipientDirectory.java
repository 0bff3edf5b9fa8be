package org.leadtocash.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.leadtocash.notify.Recipient;
import org.leadtocash.notify.RecipientDirectory;
import org.springframework.stereotype.Component;

/**
 * The sales roster as notification recipients, with each person's mobile from {@code sales_staff}:
 * {@code user:<id>}; {@code role:rep|manager|director} (every active one); {@code group:<Camunda group>} (its members);
 * {@code manager-of:<user>} and {@code director-of:<user>} (the active managers / directors of that user's region, or
 * with no region); {@code managers-of-region:<REGION>} and {@code director-of-region:<REGION>} (e.g. {@code EAST}, as in
 * the lead's {@code region} variable).
 */
@Component
class StaffRecipientDirectory implements RecipientDirectory {
    private final StaffRepository staff;
    private final IdentityService identityService;
    private final Regions regions;

    public StaffRecipientDirectory(StaffRepository staff, IdentityService identityService, Regions regions) {
        this.regions = regions;
        this.staff = staff;
        this.identityService = identityService;
    }

    @Override
    public Set<String> kinds() {
        return Set.of("user", "role", "group", "manager-of", "director-of", "managers-of-region", "director-of-region");
    }

    @Override
    public List<Recipient> resolve(String kind, String value) {
        return switch (kind) {
            case "user" -> List.of(recipient(value));
            case "role" -> byRole(role(value), null);
            case "group" -> group(value);
            case "manager-of" -> byRole(SalesStaff.MANAGER, regionOf(value));
            case "director-of" -> byRole(SalesStaff.DIRECTOR, regionOf(value));
            case "managers-of-region" -> byRole(SalesStaff.MANAGER, region(value));
            case "director-of-region" -> byRole(SalesStaff.DIRECTOR, region(value));
            default -> throw new IllegalArgumentException("unknown recipient kind " + kind);
        };
    }

    private Recipient recipient(String userId) {
        Optional<SalesStaff> member = staff.find(userId);
        return new Recipient(userId, member.map(SalesStaff::mobile).orElse(null));
    }

    /** Active staff with the role; when a region is given, those of that region or of none. */
    private List<Recipient> byRole(String role, String region) {
        return staff.byRole(role).stream()
                .filter(s -> region == null || s.region() == null || s.region().equals(region))
                .map(s -> new Recipient(s.userId(), s.mobile()))
                .toList();
    }

    private List<Recipient> group(String groupId) {
        List<Recipient> members = new ArrayList<>();
        for (User user : identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list()) {
            members.add(recipient(user.getId()));
        }
        return members;
    }

    private String regionOf(String userId) {
        SalesStaff member = staff.find(userId)
                .orElseThrow(() -> new IllegalArgumentException("recipients: user '" + userId
                        + "' is not on the sales roster"));
        return member.region();
    }

    private static String role(String value) {
        String role = value.toUpperCase(Locale.ROOT);
        if (!Set.of(SalesStaff.REP, SalesStaff.MANAGER, SalesStaff.DIRECTOR).contains(role)) {
            throw new IllegalArgumentException("recipients: role '" + value + "' must be rep, manager or director");
        }
        return role;
    }

    private String region(String value) {
        String code = value.toUpperCase(Locale.ROOT);
        if (regions.find(code).isEmpty()) {
            throw new IllegalArgumentException("recipients: region '" + value + "' is not one of "
                    + regions.all().stream().map(Region::code).toList());
        }
        return code;
    }
}
