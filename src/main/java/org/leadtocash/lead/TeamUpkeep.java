package org.leadtocash.lead;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.leadtocash.shared.EngineAsSystem;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sales team upkeep by sales ops, managers and directors (issue 10, R-06): add, change and deactivate members, whose
 * Camunda user and group membership follow (a new user gets a generated initial password, returned once); a departing
 * rep's open leads go to a named successor or back to assignment, his customers to the successor (or to no owner),
 * each owner change recorded in {@code customer_owner_history}. Who may call is checked by the caller
 * ({@link TeamController}); the engine's identity changes then run as the system, limited to sales users: an existing
 * Camunda user in a non-sales group (admin, legal, finance) is never adopted or changed here.
 */
@Service
public class TeamUpkeep {
    private static final Logger log = LoggerFactory.getLogger(TeamUpkeep.class);
    /** Camunda user ids this page creates: lower-case letters and digits, 2–64 long (Camunda's default id whitelist). */
    static final Pattern USER_ID = Pattern.compile("[a-z][a-z0-9]{1,63}");
    static final Map<String, String> GROUP_OF_ROLE = Map.of(SalesStaff.REP, Groups.SALES_REP,
            SalesStaff.MANAGER, Groups.SALES_MANAGER, SalesStaff.DIRECTOR, Groups.REGIONAL_DIRECTOR);
    private static final Set<String> SALES_GROUPS = Set.copyOf(GROUP_OF_ROLE.values());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StaffRepository staff;
    private final LeadRepository leads;
    private final CustomerOwners owners;
    private final LeadAssignment assignment;
    private final Regions regions;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final EngineAsSystem asSystem;
    private final EngineClock clock;

    public TeamUpkeep(StaffRepository staff, LeadRepository leads, CustomerOwners owners, LeadAssignment assignment, Regions regions,
                      IdentityService identityService, TaskService taskService, RuntimeService runtimeService,
                      EngineAsSystem asSystem, EngineClock clock) {
        this.staff = staff;
        this.leads = leads;
        this.owners = owners;
        this.assignment = assignment;
        this.regions = regions;
        this.identityService = identityService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.asSystem = asSystem;
        this.clock = clock;
    }

    /** A roster row as the team page lists it. */
    public record Member(String userId, String displayName, String role, String region, String regionName, String mobile,
                         String managerId, String directorId, boolean active, int openLeads, Instant deactivatedAt) {
    }

    /** The outcome of a save: {@code initialPassword} is set only when a Camunda user was created, and shown only now. */
    public record Saved(Member member, boolean created, boolean changed, String initialPassword) {
    }

    /** Where a departing member's leads and customers went. */
    public record Deactivated(String userId, String successorId, List<String> leadsToSuccessor, Map<String, String> leadsRerouted,
                              List<String> customersToSuccessor, List<String> customersReleased) {
    }

    public List<Member> members() {
        Map<String, String> names = new java.util.HashMap<>();
        regions.all().forEach(r -> names.put(r.code(), r.name()));
        return staff.members().stream().map(m -> member(m, names)).toList();
    }

    public Member member(String userId) {
        return members().stream().filter(m -> m.userId().equals(userId)).findFirst()
                .orElseThrow(() -> new NotFoundException("sales team member " + userId + " not found"));
    }

    /**
     * Adds or changes one member (same user id = change; a deactivated member saved again is active again).
     * {@code callerRoles}: the roles the caller may manage (managers: REP; directors and admins: all).
     */
    @Transactional
    public Saved save(TeamMemberInput input, String by, Set<String> callerRoles) {
        TeamMemberInput clean = validate(input, List.of(), callerRoles);
        return store(clean, by);
    }

    /** Validates a member; {@code batch} are further members being saved with it (a CSV file), who may be named as managers. */
    TeamMemberInput validate(TeamMemberInput in, List<TeamMemberInput> batch, Set<String> callerRoles) {
        List<FieldError> errors = new ArrayList<>();
        String userId = trim(in.userId());
        if (userId == null) {
            errors.add(new FieldError("userId", "required", "请填写账号 the user id is required"));
        } else {
            userId = userId.toLowerCase(Locale.ROOT);
            if (!USER_ID.matcher(userId).matches()) {
                errors.add(new FieldError("userId", "user-id",
                        "账号为2–64位小写字母或数字，以字母开头 2–64 lower-case letters or digits, starting with a letter (e.g. zhangwei)"));
            }
        }
        String name = trim(in.displayName());
        if (name == null) {
            errors.add(new FieldError("displayName", "required", "请填写姓名 the name is required"));
        } else if (name.length() > 100) {
            errors.add(new FieldError("displayName", "max-length", "最多100字 at most 100 characters"));
        }
        String role = trim(in.role()) == null ? SalesStaff.REP : trim(in.role()).toUpperCase(Locale.ROOT);
        if (!GROUP_OF_ROLE.containsKey(role)) {
            errors.add(new FieldError("role", "one-of", "角色须为 REP、MANAGER 或 DIRECTOR must be REP, MANAGER or DIRECTOR"));
        } else if (!callerRoles.contains(role)) {
            errors.add(new FieldError("role", "may-manage", "你只能维护角色 " + callerRoles + " you may only keep members of the roles " + callerRoles));
        }
        String region = trim(in.region()) == null ? null : trim(in.region()).toUpperCase(Locale.ROOT);
        if (region == null && SalesStaff.REP.equals(role)) {
            errors.add(new FieldError("region", "required", "销售须属于一个区域 a rep needs a region"));
        } else if (region != null && !regions.isActive(region)) {
            errors.add(new FieldError("region", "active-region", "须为在用区域之一 must be one of the active regions " + regions.activeCodes()));
        }
        String mobileText = trim(in.mobile());
        String mobile = null;
        if (mobileText == null) {
            errors.add(new FieldError("mobile", "required", "请填写手机号 the mobile number is required (SMS and voice reminders)"));
        } else {
            mobile = ChinesePhone.normalise(mobileText);
            if (mobile == null || !mobile.matches("1[3-9]\\d{9}")) {
                errors.add(new FieldError("mobile", "cn-mobile", "须为大陆手机号 must be a mainland mobile number, e.g. 13812345678"));
                mobile = null;
            }
        }
        String managerId = lower(in.managerId());
        if (managerId != null && !isActive(managerId, SalesStaff.MANAGER, batch)) {
            errors.add(new FieldError("managerId", "active-manager", "'" + managerId + "' 不是在职销售主管 is not an active sales manager"));
        }
        String directorId = lower(in.directorId());
        if (directorId != null && !isActive(directorId, SalesStaff.DIRECTOR, batch)) {
            errors.add(new FieldError("directorId", "active-director", "'" + directorId + "' 不是在职区域总监 is not an active regional director"));
        }
        if (userId != null && errors.stream().noneMatch(e -> e.field().equals("userId"))) {
            String problem = notASalesUser(userId);
            if (problem != null) {
                errors.add(new FieldError("userId", "sales-user", problem));
            }
            Optional<SalesStaff> existing = staff.find(userId);
            if (existing.isPresent() && !callerRoles.contains(existing.get().role())) {
                errors.add(new FieldError("userId", "may-manage", "'" + userId + "' 是 " + existing.get().role()
                        + "，你不能修改 you may not change a member of this role"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new TeamMemberInput(userId, name, role, region, mobile, managerId, directorId);
    }

    /** Saves a validated member and his Camunda user and group; unchanged input changes nothing (idempotent). */
    Saved store(TeamMemberInput m, String by) {
        Optional<SalesStaff> before = staff.find(m.userId());
        SalesStaff after = new SalesStaff(m.userId(), m.displayName(), m.role(), m.region(), m.mobile(), true, m.managerId(), m.directorId());
        boolean changed = before.map(b -> !b.equals(after)).orElse(true);
        if (changed) {
            staff.upsert(after);
            staff.stamp(m.userId(), by, clock.now(), false);
        }
        String password = asSystem.run(() -> camundaUserFollows(after, before.map(SalesStaff::role).orElse(null)));
        if (changed) {
            log.info("Sales team: {} {} {} ({}, region {}) by {}", before.isPresent() ? "changed" : "added", m.role(), m.userId(),
                    m.displayName(), m.region(), by);
        }
        return new Saved(member(m.userId()), before.isEmpty(), changed, password);
    }

    /** Creates the user if needed (returning his initial password) and puts him in exactly the sales group of his role. */
    private String camundaUserFollows(SalesStaff member, String previousRole) {
        String password = null;
        User user = identityService.createUserQuery().userId(member.userId()).singleResult();
        if (user == null) {
            user = identityService.newUser(member.userId());
            password = initialPassword();
            user.setPassword(password);
        }
        String[] names = splitName(member.displayName());
        boolean nameChanged = !Objects.equals(user.getFirstName(), names[0]) || !Objects.equals(user.getLastName(), names[1]);
        if (password != null || nameChanged) {
            user.setFirstName(names[0]);
            user.setLastName(names[1]);
            identityService.saveUser(user);
        }
        String wanted = GROUP_OF_ROLE.get(member.role());
        for (String group : SALES_GROUPS) {
            boolean isMember = identityService.createGroupQuery().groupId(group).groupMember(member.userId()).count() > 0;
            if (group.equals(wanted) && member.active() && !isMember) {
                identityService.createMembership(member.userId(), group);
            } else if ((!group.equals(wanted) || !member.active()) && isMember) {
                identityService.deleteMembership(member.userId(), group);
            }
        }
        return password;
    }

    /** Why the user id may not be kept here (a Camunda user in a non-sales group), or null. */
    private String notASalesUser(String userId) {
        return asSystem.run(() -> {
            List<String> other = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                    .filter(g -> !SALES_GROUPS.contains(g)).toList();
            return other.isEmpty() ? null : "'" + userId + "' 属于非销售组 is in the non-sales groups " + other
                    + "：请在 Camunda Admin 中由管理员维护 an administrator keeps this user in Camunda Admin";
        });
    }

    private boolean isActive(String userId, String role, List<TeamMemberInput> batch) {
        if (staff.find(userId).filter(s -> s.active() && role.equals(s.role())).isPresent()) {
            return true;
        }
        return batch.stream().anyMatch(b -> userId.equalsIgnoreCase(trim(b.userId()))
                && role.equalsIgnoreCase(trim(b.role()) == null ? SalesStaff.REP : trim(b.role())));
    }

    /**
     * Deactivates a member. His open leads go to {@code successorId} or, without one, back to assignment (the routing
     * decision of each lead's process, the departed rep no longer eligible); his customers go to the successor or to
     * no owner. If assignment finds nobody for a lead, nothing is changed and the answer asks for a successor.
     */
    @Transactional
    public Deactivated deactivate(String userId, String successorText, String reason, String by, Set<String> callerRoles) {
        SalesStaff member = staff.find(userId).filter(SalesStaff::active)
                .orElseThrow(() -> new NotFoundException("active sales team member " + userId + " not found"));
        if (!callerRoles.contains(member.role())) {
            throw new InvalidInputException("userId", "may-manage", "你不能停用角色 " + member.role() + " you may not deactivate this role");
        }
        String successorId = lower(successorText);
        if (successorId != null) {
            boolean ok = !successorId.equals(userId)
                    && staff.find(successorId).filter(s -> s.active() && s.role().equals(member.role())).isPresent();
            if (!ok) {
                throw new InvalidInputException("successorId", "active-same-role",
                        "接手人须为另一位在职的 " + member.role() + " the successor must be another active " + member.role());
            }
        }
        Instant now = clock.now();
        SalesStaff inactive = new SalesStaff(member.userId(), member.displayName(), member.role(), member.region(), member.mobile(),
                false, member.managerId(), member.directorId());
        staff.upsert(inactive);
        staff.stamp(userId, by, now, true);
        String why = "停用 " + userId + (reason == null || reason.isBlank() ? "" : "：" + reason.strip()) + " deactivated by " + by;

        List<String> toSuccessor = new ArrayList<>();
        List<String> released = new ArrayList<>();
        for (String customerId : owners.ownedBy(userId)) {
            owners.transfer(customerId, successorId, now, by, why);
            (successorId == null ? released : toSuccessor).add(customerId);
        }
        List<String> leadsToSuccessor = new ArrayList<>();
        Map<String, String> rerouted = new java.util.LinkedHashMap<>();
        for (Lead lead : leads.list(userId, LeadStatus.ASSIGNED, 10_000).stream().filter(l -> userId.equals(l.assignee())).toList()) {
            if (successorId != null) {
                assignment.assignManually(lead.id(), successorId, by);
                leadsToSuccessor.add(lead.id());
                handOverTask(lead, successorId);
            } else {
                Assignment result = assignment.assign(lead.id(), routingOf(lead));
                if (!result.assigned()) {
                    throw new InvalidInputException("successorId", "required-when-no-eligible-rep",
                            "线索 " + lead.id() + " 在团队 " + lead.region() + " 中没有可接手的销售，请指定接手人 no eligible rep for lead "
                                    + lead.id() + ": name a successor");
                }
                rerouted.put(lead.id(), result.assignee());
                handOverTask(lead, result.assignee());
            }
        }
        if (successorId != null && !SalesStaff.REP.equals(member.role())) {
            staff.replaceLine(userId, successorId);
        }
        asSystem.run(() -> camundaUserFollows(inactive, member.role()));
        log.info("Sales team: deactivated {} by {}; successor {}, leads to successor {}, rerouted {}, customers {}", userId, by,
                successorId, leadsToSuccessor, rerouted, successorId == null ? released : toSuccessor);
        return new Deactivated(userId, successorId, leadsToSuccessor, rerouted, toSuccessor, released);
    }

    /** A manager gives a customer (and its future leads) to another rep (R-06); the change is kept in the owner history. */
    @Transactional
    public CustomerOwners.OwnerChange transferCustomer(String customerId, String ownerText, String reason, String by) {
        Customer customer = leads.findCustomer(customerId).orElseThrow(() -> new NotFoundException("customer " + customerId + " not found"));
        String ownerId = lower(ownerText);
        if (ownerId == null) {
            throw new InvalidInputException("ownerId", "required", "请填写新负责人 the new owner is required");
        }
        if (staff.find(ownerId).filter(s -> s.active() && SalesStaff.REP.equals(s.role())).isEmpty()) {
            throw new InvalidInputException("ownerId", "active-rep", "'" + ownerId + "' 不是在职销售 is not an active sales rep");
        }
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("reason", "required", "请填写转移原因 give the reason for the transfer");
        }
        if (text.length() > 200) {
            throw new InvalidInputException("reason", "max-length", "原因最多 200 个字符 the reason may be at most 200 characters");
        }
        if (ownerId.equals(customer.ownerId())) {
            return owners.history(customerId).get(owners.history(customerId).size() - 1);
        }
        owners.transfer(customerId, ownerId, clock.now(), by, text);
        List<CustomerOwners.OwnerChange> history = owners.history(customerId);
        return history.get(history.size() - 1);
    }

    /** Customers by name or credit code for the owner transfer page (at most 50). */
    public List<CustomerOwners.OwnedCustomer> findCustomers(String text) {
        if (text != null && text.strip().length() > 100) {
            throw new InvalidInputException("q", "max-length", "搜索词最多 100 个字符 the search text may be at most 100 characters");
        }
        return owners.search(text, 50);
    }

    public List<CustomerOwners.OwnerChange> ownerHistory(String customerId) {
        leads.findCustomer(customerId).orElseThrow(() -> new NotFoundException("customer " + customerId + " not found"));
        return owners.history(customerId);
    }

    @SuppressWarnings("unchecked")
    private RoutingDecision routingOf(Lead lead) {
        Object routing = lead.processInstanceId() == null ? null
                : asSystem.run(() -> runtimeService.createVariableInstanceQuery().processInstanceIdIn(lead.processInstanceId())
                        .variableName(Vars.ROUTING).list().stream().findFirst().map(v -> v.getValue()).orElse(null));
        return RoutingDecision.from(routing instanceof Map<?, ?> m ? (Map<String, Object>) m : null, lead.region());
    }

    /** The lead's open first-contact task and its {@code assignee} variable follow the new rep. */
    private void handOverTask(Lead lead, String newAssignee) {
        if (lead.processInstanceId() == null) {
            return;
        }
        asSystem.run(() -> {
            for (Task task : taskService.createTaskQuery().processInstanceId(lead.processInstanceId()).taskAssignee(lead.assignee()).list()) {
                taskService.setAssignee(task.getId(), newAssignee);
            }
            if (runtimeService.createProcessInstanceQuery().processInstanceId(lead.processInstanceId()).active().count() > 0) {
                runtimeService.setVariable(lead.processInstanceId(), Vars.ASSIGNEE, newAssignee);
            }
            return null;
        });
    }

    private static Member member(StaffRepository.Member m, Map<String, String> regionNames) {
        SalesStaff s = m.staff();
        return new Member(s.userId(), s.displayName(), s.role(), s.region(), s.region() == null ? null : regionNames.getOrDefault(s.region(), s.region()),
                s.mobile(), s.managerId(), s.directorId(), s.active(), m.openLeads(), m.deactivatedAt());
    }

    /** 16 characters from upper, lower, digits and symbols, at least one of each (Camunda's password policy, if on). */
    static String initialPassword() {
        String[] sets = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!#%+=?@"};
        StringBuilder sb = new StringBuilder();
        for (String set : sets) {
            sb.append(set.charAt(RANDOM.nextInt(set.length())));
        }
        String all = String.join("", sets);
        while (sb.length() < 16) {
            sb.append(all.charAt(RANDOM.nextInt(all.length())));
        }
        for (int i = sb.length() - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char c = sb.charAt(i);
            sb.setCharAt(i, sb.charAt(j));
            sb.setCharAt(j, c);
        }
        return sb.toString();
    }

    /** Camunda shows "first last": a Chinese name stays whole as the first name; "张伟 Zhang Wei" splits at the first space. */
    private static String[] splitName(String displayName) {
        int space = displayName.indexOf(' ');
        return space < 0 ? new String[] {displayName, ""} : new String[] {displayName.substring(0, space), displayName.substring(space + 1)};
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static String lower(String s) {
        String t = trim(s);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }
}
