package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The first load of the sales team from CSV ({@code POST /api/team/import}): a file with bad lines is refused whole and
 * the report names each bad line's number, field and rule; a good file stores every line with its Camunda user; the same
 * file imported again changes nothing.
 */
@AppTest
class TeamCsvImportTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "userId,displayName,role,region,mobile,managerId,directorId\n";

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void reset() {
        data.reset();
        deleteTestUsers();
    }

    @AfterEach
    void cleanUp() {
        deleteTestUsers();
    }

    @Test
    void aFileWithBadLinesStoresNothingAndNamesLineFieldAndRule() throws Exception {
        String csv = HEADER
                + "testf1,冯一,REP,EAST,13800000301,limin,wanglei\n"
                + "testf2,冯二,REP,EAST,02162345678,limin,\n"
                + "testf3,冯三,REP,MARS,13800000303,,\n"
                + "testf1,冯一again,REP,EAST,13800000304,,\n"
                + "\"testf5\",\"冯, 五\",REP,SOUTH,13800000305,nobody,\n";

        ResponseEntity<String> answer = upload("limin", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode report = JSON.readTree(answer.getBody());
        assertThat(report.path("stored").asBoolean()).isFalse();
        assertThat(report.path("refused").asInt()).isEqualTo(4);
        java.util.List<org.assertj.core.groups.Tuple> errors = new java.util.ArrayList<>();
        report.path("results").forEach(line -> line.path("errors").forEach(e ->
                errors.add(tuple(line.path("line").asInt(), e.path("field").asText(), e.path("rule").asText()))));
        assertThat(errors).containsExactly(tuple(3, "mobile", "cn-mobile"), tuple(4, "region", "active-region"),
                tuple(5, "userId", "unique-in-file"), tuple(6, "managerId", "active-manager"));
        assertThat(report.path("results").get(0).path("outcome").asText()).isEqualTo("valid");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sales_staff WHERE user_id LIKE 'test%'").query(Integer.class).single()).isZero();
        assertThat(identityService.createUserQuery().userId("testf1").count()).as("no Camunda user either").isZero();
    }

    @Test
    void aGoodFileStoresEveryLineAndImportingItAgainChangesNothing() throws Exception {
        // the reps name a manager who is a line of the same file (below them)
        String csv = "\uFEFF账号,姓名,角色,区域,手机,主管,总监\r\n"
                + "testg1,郭一 Guo Yi,REP,EAST,13800000311,testgm,wanglei\r\n"
                + "testg2,郭二,,SOUTH,+86 138 0000 0312,testgm,\r\n"
                + "testgm,郭主管,MANAGER,,13800000310,,wanglei\r\n";
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);

        ResponseEntity<String> first = upload("wanglei", file);

        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode report = JSON.readTree(first.getBody());
        assertThat(report.path("created").asInt()).isEqualTo(3);
        JsonNode g1 = report.path("results").get(0);
        assertThat(g1.path("line").asInt()).isEqualTo(2);
        assertThat(identityService.checkPassword("testg1", g1.path("initialPassword").asText())).isTrue();
        assertThat(jdbc.sql("SELECT user_id || '/' || role || '/' || COALESCE(region, '-') || '/' || mobile || '/' || COALESCE(manager_id, '-') "
                + "FROM sales_staff WHERE user_id LIKE 'testg%' ORDER BY user_id").query(String.class).list())
                .containsExactly("testg1/REP/EAST/13800000311/testgm", "testg2/REP/SOUTH/13800000312/testgm",
                        "testgm/MANAGER/-/13800000310/-");
        assertThat(identityService.createGroupQuery().groupMember("testgm").singleResult().getId()).isEqualTo(Groups.SALES_MANAGER);
        assertThat(identityService.createGroupQuery().groupMember("testg2").singleResult().getId()).isEqualTo(Groups.SALES_REP);

        ResponseEntity<String> again = upload("wanglei", file);

        JsonNode second = JSON.readTree(again.getBody());
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.path("unchanged").asInt()).isEqualTo(3);
        assertThat(second.path("created").asInt()).isZero();
        second.path("results").forEach(line -> assertThat(line.hasNonNull("initialPassword")).isFalse());
        assertThat(identityService.checkPassword("testg1", g1.path("initialPassword").asText())).as("password kept").isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sales_staff WHERE user_id LIKE 'testg%'").query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aManagerMayLoadRepsOnlyAndAFileNotInUtf8OrWithoutHeaderIsRefused() throws Exception {
        ResponseEntity<String> managers = upload("limin", (HEADER + "testh1,韩一,MANAGER,,13800000321,,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(JSON.readTree(managers.getBody()).path("results").get(0).path("errors").get(0).path("rule").asText())
                .isEqualTo("may-manage");

        ResponseEntity<String> gbk = upload("limin", (HEADER + "testh2,韩二,REP,EAST,13800000322,,\n").getBytes(Charset.forName("GBK")));
        assertThat(gbk.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(gbk.getBody()).path("fileErrors").get(0).path("rule").asText()).isEqualTo("utf-8");

        ResponseEntity<String> noHeader = upload("limin", "testh3,韩三,REP,EAST,13800000323,,\n".getBytes(StandardCharsets.UTF_8));
        assertThat(JSON.readTree(noHeader.getBody()).path("fileErrors").get(0).path("rule").asText()).isEqualTo("known-column");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sales_staff WHERE user_id LIKE 'test%'").query(Integer.class).single()).isZero();

        assertThat(upload("lina", (HEADER + "testh4,韩四,REP,EAST,13800000324,,\n").getBytes(StandardCharsets.UTF_8)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<String> upload(String user, byte[] content) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return "team.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, user).postForEntity("/api/team/import", new HttpEntity<>(parts, headers), String.class);
    }

    private void deleteTestUsers() {
        identityService.createUserQuery().list().stream().filter(u -> u.getId().startsWith("test"))
                .forEach(u -> identityService.deleteUser(u.getId()));
    }
}
