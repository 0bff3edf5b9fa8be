package org.leadtocash.policy;

import static org.leadtocash.shared.ModelProperties.property;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.leadtocash.shared.EngineAsSystem;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.Stats;
import org.springframework.stereotype.Service;

/**
 * R-33 policy response speed per policy, in hours from publication (2 decimals, half up): reps notified, acknowledged
 * (median over those who did, and the last once all did), first deal — against the benchmark drawn on the roll-out's
 * timer marked {@code sla=firstDeal} in the newest deployed version (PT72H).
 */
@Service
class PolicyKpi {
    private static final BigDecimal HOUR = BigDecimal.valueOf(3600);

    private final PolicyRepository repository;
    private final RepositoryService repositoryService;
    private final EngineAsSystem engine;
    private final EngineClock clock;

    PolicyKpi(PolicyRepository repository, RepositoryService repositoryService, EngineAsSystem engine, EngineClock clock) {
        this.repository = repository;
        this.repositoryService = repositoryService;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * @param withinBenchmark true: first deal within the benchmark; false: later, or none and the benchmark has passed;
     *                        null: no deal yet and still within it
     */
    record PolicyFigure(String policyId, String title, String kind, String region, String status, Instant publishedAt,
                        BigDecimal notifiedHours, int reps, int acknowledged, BigDecimal acknowledgedMedianHours,
                        BigDecimal acknowledgedLastHours, String firstDealRep, BigDecimal firstDealHours, boolean escalated,
                        Boolean withinBenchmark) {
    }

    record Report(BigDecimal benchmarkHours, int policies, int withinBenchmark, List<PolicyFigure> rollouts) {
    }

    Report report() {
        Duration benchmark = benchmark();
        Instant now = clock.now();
        List<PolicyFigure> figures = new ArrayList<>();
        int within = 0;
        for (PolicyRollout p : repository.all()) {
            List<PolicyRepository.RepAck> reps = repository.reps(p.id());
            List<BigDecimal> acks = reps.stream().filter(r -> r.acknowledgedAt() != null)
                    .map(r -> seconds(p.publishedAt(), r.acknowledgedAt())).sorted().toList();
            BigDecimal last = !acks.isEmpty() && acks.size() == reps.size() ? hours(acks.get(acks.size() - 1)) : null;
            Boolean ok = p.firstDealAt() != null ? Duration.between(p.publishedAt(), p.firstDealAt()).compareTo(benchmark) <= 0
                    : Duration.between(p.publishedAt(), now).compareTo(benchmark) > 0 ? Boolean.FALSE : null;
            if (Boolean.TRUE.equals(ok)) {
                within++;
            }
            figures.add(new PolicyFigure(p.id(), p.title(), p.kind(), p.region() == null ? PolicyRollouts.ALL_REGIONS : p.region(),
                    p.status(), p.publishedAt(), p.notifiedAt() == null ? null : hours(seconds(p.publishedAt(), p.notifiedAt())),
                    reps.size(), acks.size(), Stats.median(acks, HOUR, 2), last, p.firstDealRep(),
                    p.firstDealAt() == null ? null : hours(seconds(p.publishedAt(), p.firstDealAt())), p.escalatedAt() != null, ok));
        }
        return new Report(hours(BigDecimal.valueOf(benchmark.toSeconds())), figures.size(), within, figures);
    }

    /** The literal duration of the timer marked sla=firstDeal in the newest deployed version. */
    Duration benchmark() {
        return engine.run(() -> {
            ProcessDefinition latest = repositoryService.createProcessDefinitionQuery()
                    .processDefinitionKey(PolicyRolloutProcess.KEY).latestVersion().singleResult();
            if (latest == null) {
                throw new IllegalStateException(PolicyRolloutProcess.KEY + " is not deployed");
            }
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(latest.getId());
            for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
                BaseElement event = (BaseElement) timer.getParentElement();
                if (PolicyRolloutProcess.Sla.FIRST_DEAL.equals(property(event, PolicyRolloutProcess.Sla.PROPERTY))) {
                    String text = timer.getTimeDuration() == null ? null : timer.getTimeDuration().getTextContent().strip();
                    try {
                        return Duration.parse(text);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(latest.getId() + ": timer " + event.getId()
                                + " (sla=firstDeal) must have a literal ISO duration such as PT72H, not '" + text + "'", e);
                    }
                }
            }
            throw new IllegalStateException(latest.getId() + ": no timer is marked camunda:property sla=firstDeal");
        });
    }

    private static BigDecimal seconds(Instant from, Instant to) {
        return BigDecimal.valueOf(Duration.between(from, to).toSeconds());
    }

    private static BigDecimal hours(BigDecimal seconds) {
        return seconds.divide(HOUR, 2, RoundingMode.HALF_UP);
    }
}
