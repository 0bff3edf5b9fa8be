package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The clause library: numbered versions per type, effective dates, "latest" = in force today, old
 * versions never changed, only legal publishes, every invalid input named. Publishing tests use their own clause
 * types ({@code TEST_*}) so the demo library other test classes rely on stays as it is.
 */
@AppTest
class ClauseLibraryTests {
    static final Set<String> LEGAL = Set.of(Groups.LEGAL);
    static final String LOCKED = ClauseTestTypes.LOCKED;
    static final String OPEN = ClauseTestTypes.OPEN;

    @Autowired ClauseLibrary library;
    @Autowired CatalogueDemoData demoData;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestData data;

    @BeforeEach
    void setUp() {
        data.reset();
        ClauseTestTypes.recreate(jdbc);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        ClauseTestTypes.drop(jdbc);
    }

    // --- the demo library ---

    @Test
    void knowsTheSampleClauseTypesWithTheirLockedFlags() {
        assertThat(library.types()).filteredOn(t -> !t.code().startsWith("TEST_"))
                .extracting(ClauseType::code, ClauseType::locked, ClauseType::appliesToAll)
                .containsExactly(
                        tuple("ENVIRONMENTAL", true, false),
                        tuple("FORCE_MAJEURE", true, true),
                        tuple("IP_OWNERSHIP", true, true),
                        tuple("PAYMENT_TERMS", false, false),
                        tuple("TECHNICAL_AGREEMENT", false, false),
                        tuple("WARRANTY", false, false));
        assertThat(library.type("IP_OWNERSHIP").name()).isEqualTo("知识产权归属 IP ownership");
        assertThat(library.type("FORCE_MAJEURE").name()).isEqualTo("不可抗力定义 Force majeure");
    }

    @Test
    void demoLibraryHasAVersionInForceOfEveryTypeAndTwoVersionsOfTheLockedIpClause() {
        for (ClauseType type : library.types()) {
            if (!type.code().startsWith("TEST_")) {
                assertThat(library.latest(type.code()).text()).as(type.code()).isNotBlank().containsPattern("\\p{IsHan}");
            }
        }
        List<ClauseVersion> ip = library.history("IP_OWNERSHIP");
        assertThat(ip).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ip.subList(0, 2)).extracting(ClauseVersion::version, ClauseVersion::effectiveDate, ClauseVersion::locked)
                .containsExactly(tuple(1, LocalDate.of(2024, 1, 1), true), tuple(2, LocalDate.of(2026, 1, 1), true));
        assertThat(ip.get(0).text()).contains("保密期限为合同终止后三年");
        assertThat(ip.get(1).text()).contains("保密期限为合同终止后五年");
        assertThat(library.history("ENVIRONMENTAL")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void loadingTheDemoCatalogueAgainAddsAndChangesNothing() {
        List<ClauseVersion> before = library.history("IP_OWNERSHIP");
        int versions = count("clause_version");
        int products = count("product");

        demoData.load();
        demoData.load();

        assertThat(count("clause_version")).isEqualTo(versions);
        assertThat(count("product")).isEqualTo(products);
        assertThat(library.history("IP_OWNERSHIP")).isEqualTo(before);
    }

    // --- publishing ---

    @Test
    void numbersVersionsPerTypeFromOne() {
        LocalDate today = clock.today();
        java.time.Instant before = clock.now();
        ClauseVersion first = library.publish(LOCKED, today, "第一版 first", "zhoujie", LEGAL);
        ClauseVersion second = library.publish(LOCKED, today, "第二版 second", "zhoujie", LEGAL);
        ClauseVersion other = library.publish(OPEN, today, "另一类型 other type", "zhoujie", LEGAL);

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(other.version()).isEqualTo(1);
        assertThat(first.locked()).isTrue();
        assertThat(other.locked()).isFalse();
        assertThat(first.typeName()).isEqualTo("测试锁定条款 Test locked clause");
        assertThat(second.publishedBy()).isEqualTo("zhoujie");
        assertThat(second.publishedAt()).isBetween(before, clock.now());
    }

    @Test
    void publishingANewVersionNeverChangesTheOldOne() {
        LocalDate today = clock.today();
        ClauseVersion v1 = library.publish(LOCKED, today, "甲方享有全部知识产权。", "zhoujie", LEGAL);

        ClauseVersion v2 = library.publish(LOCKED, today.plusDays(1), "双方共有知识产权。", "zhoujie", LEGAL);
        ClausePublishDay.moveTo(today.plusDays(400), clock);
        library.publish(LOCKED, clock.today(), "第三版。", "zhoujie", LEGAL);

        assertThat(library.version(v1.id())).isEqualTo(v1);
        assertThat(library.version(LOCKED, 1)).isEqualTo(v1);
        assertThat(library.version(v2.id())).isEqualTo(v2);
        assertThat(library.history(LOCKED)).extracting(ClauseVersion::version, ClauseVersion::text)
                .containsExactly(tuple(1, "甲方享有全部知识产权。"), tuple(2, "双方共有知识产权。"), tuple(3, "第三版。"));
    }

    @Test
    void latestIsTheHighestVersionInForceToday() {
        LocalDate today = clock.today();
        library.publish(LOCKED, today, "今天生效 effective today", "zhoujie", LEGAL);
        ClauseVersion scheduled = library.publish(LOCKED, today.plusDays(30), "三十天后生效 effective in 30 days", "zhoujie", LEGAL);

        assertThat(library.latest(LOCKED).version()).isEqualTo(1);
        assertThat(library.history(LOCKED)).hasSize(2);

        ClausePublishDay.moveTo(today.plusDays(29), clock);
        assertThat(library.latest(LOCKED).version()).as("the day before").isEqualTo(1);

        ClausePublishDay.moveTo(today.plusDays(30), clock);
        assertThat(library.latest(LOCKED)).as("on its effective date").isEqualTo(scheduled);
    }

    @Test
    void aVersionPublishedLaterWithAnEarlierDateSupersedesAScheduledOne() {
        LocalDate today = clock.today();
        library.publish(LOCKED, today, "v1", "zhoujie", LEGAL);
        library.publish(LOCKED, today.plusDays(60), "v2 scheduled", "zhoujie", LEGAL);
        library.publish(LOCKED, today.plusDays(10), "v3 correction", "zhoujie", LEGAL);

        ClausePublishDay.moveTo(today.plusDays(10), clock);
        assertThat(library.latest(LOCKED).text()).isEqualTo("v3 correction");
        ClausePublishDay.moveTo(today.plusDays(61), clock);
        assertThat(library.latest(LOCKED).text()).as("the higher number wins once both are in force").isEqualTo("v3 correction");
    }

    @Test
    void aTypeWithoutAVersionInForceHasNoLatest() {
        library.publish(OPEN, clock.today().plusDays(5), "以后生效 later", "zhoujie", LEGAL);

        assertThatThrownBy(() -> library.latest(OPEN)).isInstanceOf(NotFoundException.class).hasMessageContaining(OPEN);
        assertThatThrownBy(() -> library.latest("NO_SUCH_TYPE")).isInstanceOf(NotFoundException.class).hasMessageContaining("NO_SUCH_TYPE");
        assertThatThrownBy(() -> library.history("NO_SUCH_TYPE")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> library.version(-1)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void latestForAddsEveryTypeThatAppliesToAllAndOrdersByCode() {
        ClauseVersion open = library.publish(OPEN, clock.today(), "适用于该产品 for this product", "zhoujie", LEGAL);
        library.publish(LOCKED, clock.today().plusDays(3), "尚未生效 not yet in force", "zhoujie", LEGAL);

        List<ClauseVersion> attached = library.latestFor(List.of(OPEN, LOCKED, "WARRANTY", "WARRANTY"));

        assertThat(attached).extracting(ClauseVersion::typeCode)
                .containsExactly("FORCE_MAJEURE", "IP_OWNERSHIP", OPEN, "WARRANTY");
        assertThat(attached).contains(open);
        assertThat(attached).filteredOn(v -> v.typeCode().equals("IP_OWNERSHIP")).singleElement()
                .isEqualTo(library.latest("IP_OWNERSHIP"));
        assertThat(library.latestFor(List.of())).extracting(ClauseVersion::typeCode).containsExactly("FORCE_MAJEURE", "IP_OWNERSHIP");
        assertThatThrownBy(() -> library.latestFor(List.of("NO_SUCH_TYPE"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("NO_SUCH_TYPE");
    }

    @Test
    void keepsChineseTextAsPublishedWithoutSurroundingBlanks() {
        String text = "一、不可抗力是指不能预见、不能避免且不能克服的客观情况。\n二、受影响方应在十日内书面通知对方。";
        ClauseVersion v = library.publish(LOCKED, clock.today(), "  \n" + text + "\n  ", "zhoujie", LEGAL);

        assertThat(library.version(v.id()).text()).isEqualTo(text);
    }

    @Test
    void acceptsATextOfExactlyTwentyThousandCharacters() {
        String text = "条".repeat(ClauseLibrary.MAX_TEXT_LENGTH);

        assertThat(library.publish(LOCKED, clock.today(), text, "zhoujie", LEGAL).text()).hasSize(20_000);
    }

    @Test
    void onlyLegalPublishesAndARefusalStoresNothing() {
        for (Set<String> groups : List.of(Set.of(Groups.SALES_REP), Set.of(Groups.SALES_MANAGER, Groups.REGIONAL_DIRECTOR),
                Set.of(Groups.FINANCE), Set.of(Groups.ADMIN), Set.<String>of())) {
            assertThatThrownBy(() -> library.publish(LOCKED, clock.today(), "无权发布 not allowed", "someone", groups))
                    .as("groups %s", groups)
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("legal").hasMessageContaining("法务");
        }
        assertThatThrownBy(() -> library.publish(LOCKED, clock.today(), "x", null, LEGAL)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> library.publish(LOCKED, clock.today(), "x", "zhoujie", null)).isInstanceOf(AccessDeniedException.class);
        assertThat(library.history(LOCKED)).isEmpty();
    }

    @Test
    void refusalOfANonLegalUserComesBeforeInputValidation() {
        assertThatThrownBy(() -> library.publish("NO_SUCH_TYPE", null, null, "zhangwei", Set.of(Groups.SALES_REP)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void namesEveryInvalidFieldAndStoresNothing() {
        LocalDate yesterday = clock.today().minusDays(1);
        assertThatThrownBy(() -> library.publish("NO_SUCH_TYPE", yesterday, "  ", "zhoujie", LEGAL))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting("field", "rule").containsExactly(
                        tuple("clauseType", "known-type"), tuple("effectiveDate", "not-in-past"), tuple("clauseText", "required")));
        assertThatThrownBy(() -> library.publish(null, null, null, "zhoujie", LEGAL))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting("field", "rule").containsExactly(
                        tuple("clauseType", "required"), tuple("effectiveDate", "required"), tuple("clauseText", "required")));
        assertThatThrownBy(() -> library.publish(LOCKED, clock.today(), "长".repeat(20_001), "zhoujie", LEGAL))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("clauseText").hasMessageContaining("20000").hasMessageContaining("20001");
        assertThat(library.history(LOCKED)).isEmpty();
    }

    @Test
    void concurrentPublicationsOfOneTypeGetDistinctConsecutiveNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String text = "并发发布 concurrent " + i;
                jobs.add(() -> library.publish(LOCKED, clock.today(), text, "zhoujie", LEGAL).version());
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(jobs)) {
                numbers.add(f.get());
            }
            assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        } finally {
            pool.shutdownNow();
        }
    }

    private int count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

    /** Moves the engine clock (which {@link EngineClock} reads) to noon of a day in the app's zone. */
    static final class ClausePublishDay {
        static void moveTo(LocalDate day, EngineClock clock) {
            ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.NOON).atZone(clock.zone()).toInstant()));
        }

        private ClausePublishDay() {
        }
    }
}
