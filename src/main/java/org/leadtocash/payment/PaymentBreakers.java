package org.leadtocash.payment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.leadtocash.lead.SalesStaff;
import org.leadtocash.lead.SalesTeam;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.NotificationRequest;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.notify.Recipient;
import org.leadtocash.notify.TaskLinks;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 48-hour breaker (R-22). Every node's wait state carries a non-interrupting cycle timer with a literal cycle
 * ({@code R/PT48H}), marked {@code camunda:property breaker=true} on the node's task ({@link PaymentNodes}): each firing is recorded
 * as a blocker check (occurrence 1, 2, … for the same stay at the node), the rep, {@code finance} and the rep's regional
 * director get a DingTalk message (idempotency key: process instance / timer / occurrence), and the rep gets a blocker
 * checklist whose answers are stored as data. Each node's period is read from the deployed diagram the journey runs
 * ({@link #breakerAfter}), never from configuration, so the node task's due date, the alert text and the stuck view
 * follow what an owner draws. The alert links to the rep's checklist task (drawn after the alert, so the link finds it
 * when opened; directors may open it too) and to the journey in Cockpit for the directors. Finance has neither
 * Cockpit nor the rep's task; it reads the alert.
 */
@Service("paymentBreakers")
public class PaymentBreakers {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JourneyRepository journeys;
    private final SalesTeam salesTeam;
    private final IdentityService identityService;
    private final NotificationService notifications;
    private final PaymentNodes nodes;
    private final EngineClock clock;
    private final TaskLinks links;

    public PaymentBreakers(JourneyRepository journeys, SalesTeam salesTeam, IdentityService identityService,
                           NotificationService notifications, PaymentNodes nodes, EngineClock clock, TaskLinks links) {
        this.links = links;
        this.journeys = journeys;
        this.salesTeam = salesTeam;
        this.identityService = identityService;
        this.notifications = notifications;
        this.nodes = nodes;
        this.clock = clock;
    }

    /**
     * The breaker period of the node (its code) in the process version with this id, as drawn (R/PT48H → 48 h); null
     * when the node has no breaker there.
     */
    public Duration breakerAfter(String processDefinitionId, String node) {
        return nodes.breakerAfter(processDefinitionId, node);
    }

    /**
     * When a node reached at {@code since} trips the breaker in this process version: the due date of the node's task;
     * null for a node without a breaker.
     */
    public Instant deadline(String processDefinitionId, String node, Instant since) {
        Duration after = breakerAfter(processDefinitionId, node);
        return after == null ? null : since.plus(after);
    }

    /** The process variables that say where the journey stands, for the version the journey runs. */
    Map<String, Object> nodeVariables(String processDefinitionId, String node, Instant since) {
        Map<String, Object> vars = new HashMap<>();
        Instant deadline = deadline(processDefinitionId, node, since);
        vars.put(Vars.NODE, node);
        vars.put(Vars.NODE_DEADLINE, deadline == null ? null : Date.from(deadline));
        return vars;
    }

    /** {@link #nodeVariables} for the journey's own process instance. */
    Map<String, Object> nodeVariables(PaymentJourney journey, String node, Instant since) {
        return nodeVariables(nodes.definitionOf(journey.processInstanceId()), node, since);
    }

    /** What a breaker firing leaves on its execution for the alert and the checklist. */
    record Firing(long checkId, JourneyNode node, int occurrence, Instant checklistDue) {
    }

    /** The breaker timer {@code timerId} of the journey's node (its code) fired (in the timer's transaction). */
    @Transactional
    public Firing fired(String journeyId, String timerId, String nodeCode, String processInstanceId) {
        PaymentJourney journey = journeys.find(journeyId)
                .orElseThrow(() -> new IllegalStateException("payment journey " + journeyId + " does not exist"));
        Instant now = clock.now();
        int occurrence = journeys.breakerFirings(journeyId, nodeCode, journey.nodeSince()) + 1;
        long checkId = journeys.insertCheck(journey, nodeCode, journey.nodeSince(), occurrence, timerId, processInstanceId, now);
        JourneyNode node = nodes.node(nodes.definitionOf(processInstanceId), nodeCode);
        return new Firing(checkId, node, occurrence, now.plus(Duration.ofDays(1)));
    }

    /** Idempotency key of one firing's alert: process instance, timer and occurrence. */
    static String alertKey(BlockerCheck check) {
        return check.processInstanceId() + "/" + check.timerId() + "/" + check.occurrence();
    }

    /** DingTalk to the rep, finance and the rep's regional director(s); sent once per firing. */
    public void alert(long checkId) {
        BlockerCheck check = journeys.check(checkId)
                .orElseThrow(() -> new IllegalStateException("blocker check " + checkId + " does not exist"));
        PaymentJourney journey = journeys.find(check.journeyId()).orElseThrow();
        SalesStaff rep = salesTeam.find(journey.repId())
                .orElseThrow(() -> new IllegalStateException("rep " + journey.repId() + " is not on the sales roster"));
        List<Recipient> recipients = recipients(rep);
        String version = nodes.definitionOf(check.processInstanceId());
        JourneyNode node = nodes.node(version, check.node());
        Duration stuck = breakerAfter(version, check.node()).multipliedBy(check.occurrence());
        String title = "回款阻塞 Payment stuck " + hours(stuck) + "：" + journey.customerName();
        String text = "### " + title + "\n"
                + "- 客户 Customer: " + journey.customerName()
                + (journey.projectName() == null ? "" : "（" + journey.projectName() + "）") + "\n"
                + "- 发票 Invoice: " + journey.invoiceNo() + "，应收 ¥" + journey.amountDue().toPlainString()
                + "，已收 ¥" + journey.amountReceived().toPlainString() + "\n"
                + "- 卡在 Stuck at: " + node.label() + " " + node.chinese() + " " + node.english() + "\n"
                + "- 自 Since: " + LocalDateTime.ofInstant(check.nodeSince(), clock.zone()).format(LOCAL)
                + "（已" + hours(stuck) + "未推进，第" + check.occurrence() + "次提醒 reminder #" + check.occurrence() + "）\n"
                + "- 负责销售 Rep: " + rep.displayName() + " (" + rep.userId() + ")\n\n"
                + rep.displayName() + "请在 Tasklist 的「回款阻塞原因排查 Payment blocker checklist」中填写原因和下一步。";
        List<org.leadtocash.notify.Link> open = new ArrayList<>(
                links.openTask(check.processInstanceId(), PaymentJourneyProcess.Task.BLOCKER_CHECKLIST));
        open.addAll(links.processInstance(check.processInstanceId()));
        notifications.send(new NotificationRequest(alertKey(check), Channel.DINGTALK, recipients, title, text,
                check.processInstanceId(), journey.id(), open));
    }

    /** The rep's checklist answers; invalid answers roll the task completion back with the fields named. */
    @Transactional
    public BlockerCheck answer(long checkId, Object causes, Object otherCause, Object note, Object nextAction,
                               Object nextActionDate, String answeredBy) {
        BlockerCheck check = journeys.check(checkId)
                .orElseThrow(() -> new IllegalStateException("blocker check " + checkId + " does not exist"));
        JourneyInput in = new JourneyInput();
        Set<BlockerCause> ticked = in.causes(Vars.BLOCKER_CAUSES, causes);
        String other = in.text(Vars.BLOCKER_OTHER_CAUSE, otherCause, 200, ticked.contains(BlockerCause.OTHER));
        String noteText = in.text(Vars.BLOCKER_NOTE, note, 2000, false);
        String action = in.text(Vars.NEXT_ACTION, nextAction, 500, true);
        LocalDate actionDate = in.date(Vars.NEXT_ACTION_DATE, nextActionDate, true, clock.zone());
        if (actionDate != null && actionDate.isBefore(clock.today())) {
            in.error(Vars.NEXT_ACTION_DATE, "not-past", "下一步日期不能早于今天 must be today or later");
        }
        in.check();
        journeys.answerCheck(checkId, ticked, ticked.contains(BlockerCause.OTHER) ? other : null, noteText, action,
                actionDate, answeredBy, clock.now());
        return journeys.check(check.id()).orElseThrow();
    }

    private List<Recipient> recipients(SalesStaff rep) {
        Map<String, Recipient> byUser = new LinkedHashMap<>();
        byUser.put(rep.userId(), new Recipient(rep.userId(), rep.mobile()));
        for (User user : identityService.createUserQuery().memberOfGroup(Groups.FINANCE).orderByUserId().asc().list()) {
            byUser.putIfAbsent(user.getId(), new Recipient(user.getId(),
                    salesTeam.find(user.getId()).map(SalesStaff::mobile).orElse(null)));
        }
        for (SalesStaff s : salesTeam.roster()) {
            boolean director = SalesStaff.DIRECTOR.equals(s.role()) && s.active()
                    && (s.region() == null || java.util.Objects.equals(s.region(), rep.region()));
            if (director) {
                byUser.putIfAbsent(s.userId(), new Recipient(s.userId(), s.mobile()));
            }
        }
        return new ArrayList<>(byUser.values());
    }

    static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + "小时" : minutes + "分钟";
    }
}
