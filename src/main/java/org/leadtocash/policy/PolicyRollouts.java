package org.leadtocash.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.leadtocash.lead.DealSigned;
import org.leadtocash.lead.SalesStaff;
import org.leadtocash.lead.SalesTeam;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.NotificationRequest;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.notify.Recipient;
import org.leadtocash.notify.TaskLinks;
import org.leadtocash.policy.PolicyRolloutProcess.Vars;
import org.leadtocash.shared.EngineAsSystem;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product policy roll-outs: registers a published policy with the reps in its scope, notifies them, records their
 * acknowledgements, alerts the director when the drawn benchmark passes without a deal, and closes the roll-out on the
 * first {@link DealSigned} under it — signed after publication by a rep in its scope.
 */
@Service
class PolicyRollouts {
    private static final Logger log = LoggerFactory.getLogger(PolicyRollouts.class);
    static final String ALL_REGIONS = "ALL";
    static final int MAX_TITLE = 200;
    static final int MAX_PRODUCT = 200;
    static final int MAX_TEXT = 2000;

    private final PolicyRepository repository;
    private final SalesTeam salesTeam;
    private final NotificationService notifications;
    private final RuntimeService runtimeService;
    private final EngineAsSystem engine;
    private final EngineClock clock;
    private final TaskLinks links;

    PolicyRollouts(PolicyRepository repository, SalesTeam salesTeam, NotificationService notifications,
                   RuntimeService runtimeService, EngineAsSystem engine, EngineClock clock, TaskLinks links) {
        this.repository = repository;
        this.salesTeam = salesTeam;
        this.notifications = notifications;
        this.runtimeService = runtimeService;
        this.engine = engine;
        this.clock = clock;
        this.links = links;
    }

    /** Validates the start form's fields (every broken rule reported) and registers the policy with the reps in scope. */
    @Transactional
    public PolicyRollout register(Object title, Object kind, Object product, Object region, Object text, String publisher,
                                  String processInstanceId) {
        List<FieldError> errors = new ArrayList<>();
        String t = required(title, Vars.POLICY_TITLE, "政策名称 title", MAX_TITLE, errors);
        String k = null;
        if (kind == null || kind.toString().isBlank()) {
            errors.add(new FieldError(Vars.POLICY_KIND, "required", "请选择政策类型 choose the kind of policy"));
        } else {
            try {
                k = PolicyKind.valueOf(kind.toString().strip()).name();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(Vars.POLICY_KIND, "one-of", "政策类型须为 must be one of NEW_PRODUCT, PRICE, REBATE"));
            }
        }
        String p = product == null || product.toString().isBlank() ? null : product.toString().strip();
        if (p != null && p.length() > MAX_PRODUCT) {
            errors.add(new FieldError(Vars.PRODUCT, "max-length", "产品最多" + MAX_PRODUCT + "字 must be at most " + MAX_PRODUCT + " characters"));
        }
        String body = required(text, Vars.POLICY_TEXT, "政策内容 policy text", MAX_TEXT, errors);
        String r = region == null || region.toString().isBlank() ? null : region.toString().strip();
        List<String> reps = List.of();
        if (r == null) {
            errors.add(new FieldError(Vars.REGION, "required", "请选择适用区域 choose the region (or ALL)"));
        } else {
            reps = repsIn(r);
            if (reps.isEmpty()) {
                errors.add(new FieldError(Vars.REGION, "has-reps", "区域 " + r + " 没有在岗销售 has no active sales rep to notify"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        PolicyRollout rollout = new PolicyRollout(UUID.randomUUID().toString(), t, k, p, ALL_REGIONS.equals(r) ? null : r, body,
                publisher, clock.now(), null, null, null, null, null, "OPEN");
        repository.insert(rollout, processInstanceId, reps);
        return rollout;
    }

    /** DingTalk to every rep in scope, once per roll-out (idempotency key), then the roll-out counts as notified. */
    @Transactional
    public void notifyReps(String policyId, String processInstanceId) {
        PolicyRollout p = rollout(policyId);
        List<Recipient> to = repository.reps(policyId).stream()
                .map(r -> salesTeam.find(r.repId()).map(s -> new Recipient(s.userId(), s.mobile()))
                        .orElse(new Recipient(r.repId(), null)))
                .toList();
        String title = "新产品政策 New product policy: " + p.title();
        String text = "### " + title + "\n- 类型 Kind: " + PolicyKind.valueOf(p.kind()).chinese() + " " + p.kind()
                + (p.product() == null ? "" : "\n- 产品 Product: " + p.product())
                + "\n- 区域 Region: " + (p.region() == null ? "全国 all regions" : p.region())
                + "\n\n" + p.policyText()
                + "\n\n请在 Tasklist 的「确认政策 Acknowledge policy」任务中确认。 Please acknowledge it in Tasklist.";
        // each rep's acknowledge task is created after this message: the link finds the reader's own one when opened
        notifications.send(new NotificationRequest(policyId + ":notify-reps", Channel.DINGTALK, to, title, text,
                processInstanceId, policyId, links.openTask(processInstanceId, PolicyRolloutProcess.Task.ACKNOWLEDGE)));
        repository.notified(policyId, clock.now());
    }

    @Transactional
    public void acknowledge(String policyId, String rep, Object acknowledged) {
        if (!Boolean.TRUE.equals(acknowledged) && !"true".equals(String.valueOf(acknowledged))) {
            throw new InvalidInputException(Vars.POLICY_ACKNOWLEDGED, "required",
                    "请勾选确认已阅读政策 tick to confirm you have read the policy");
        }
        repository.acknowledge(policyId, rep, clock.now());
    }

    /** The drawn benchmark passed without a deal: DingTalk the regional directors. */
    @Transactional
    public void escalate(String policyId, String processInstanceId, String key) {
        PolicyRollout p = rollout(policyId);
        List<Recipient> directors = salesTeam.roster().stream()
                .filter(s -> s.active() && SalesStaff.DIRECTOR.equals(s.role())
                        && (s.region() == null || p.region() == null || s.region().equals(p.region())))
                .map(s -> new Recipient(s.userId(), s.mobile())).toList();
        if (directors.isEmpty()) {
            throw new IllegalStateException("no active regional director in sales_staff to alert about policy " + policyId);
        }
        long acknowledged = repository.reps(policyId).stream().filter(r -> r.acknowledgedAt() != null).count();
        String title = "政策推广超时无成交 Policy roll-out without a deal";
        String text = "### " + title + "\n- 政策 Policy: " + p.title() + "\n- 发布 Published: " + p.publishedAt()
                + "\n- 已确认销售 Reps acknowledged: " + acknowledged + "/" + repository.reps(policyId).size()
                + "\n\n发布后仍无首单，请跟进推广。 No deal signed under it yet: please follow up.";
        notifications.send(new NotificationRequest(key, Channel.DINGTALK, directors, title, text, processInstanceId, policyId,
                links.processInstance(processInstanceId)));
        repository.escalated(policyId, clock.now());
    }

    /** The first deal under an open roll-out closes it (in the signing transaction) and moves its process to the end. */
    @EventListener
    @Transactional
    public void on(DealSigned deal) {
        Instant signedAt = deal.signedAt() == null ? clock.now() : deal.signedAt();
        for (String policyId : repository.openFor(deal.repId(), signedAt)) {
            repository.firstDeal(policyId, signedAt, deal.repId(), deal.reference());
            int moved = engine.run(() -> runtimeService.createMessageCorrelation(PolicyRolloutProcess.MESSAGE_FIRST_DEAL)
                    .processInstanceBusinessKey(policyId).correlateAllWithResult().size());
            if (moved == 0) {
                log.warn("policy {} closed by deal {} but no roll-out instance was waiting for it", policyId, deal.reference());
            }
        }
    }

    private List<String> repsIn(String region) {
        return salesTeam.roster().stream()
                .filter(s -> s.active() && SalesStaff.REP.equals(s.role()) && s.region() != null
                        && (ALL_REGIONS.equals(region) || s.region().equals(region)))
                .map(SalesStaff::userId).sorted().toList();
    }

    List<String> reps(String policyId) {
        return repository.reps(policyId).stream().map(PolicyRepository.RepAck::repId).toList();
    }

    private PolicyRollout rollout(String id) {
        return repository.find(id).orElseThrow(() -> new IllegalStateException("policy " + id + " does not exist"));
    }

    private static String required(Object value, String field, String label, int max, List<FieldError> errors) {
        String s = value == null ? null : value.toString().strip();
        if (s == null || s.isEmpty()) {
            errors.add(new FieldError(field, "required", "请填写" + label + " is required"));
            return null;
        }
        if (s.length() > max) {
            errors.add(new FieldError(field, "max-length", label + "最多" + max + "字 must be at most " + max + " characters"));
        }
        return s;
    }
}
