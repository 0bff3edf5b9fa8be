package org.leadtocash.lead;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The sales team API ({@code /api/team}) behind Camunda Admin's "销售团队 Sales team" page: members, CSV import, regions,
 * customers found by name or credit code and their owner transfer with its history. Sales managers keep reps;
 * regional directors and Camunda admins keep every role.
 */
@RestController
@RequestMapping(path = "/api/team", produces = MediaType.APPLICATION_JSON_VALUE)
class TeamController {
    static final int MAX_CSV_BYTES = 1024 * 1024;
    private final TeamUpkeep upkeep;
    private final TeamCsvImport csvImport;
    private final Regions regions;
    private final CurrentUser currentUser;

    TeamController(TeamUpkeep upkeep, TeamCsvImport csvImport, Regions regions, CurrentUser currentUser) {
        this.upkeep = upkeep;
        this.csvImport = csvImport;
        this.regions = regions;
        this.currentUser = currentUser;
    }

    /** A region as the form sends it. */
    record RegionInput(String code, String name, Boolean active) {
    }

    /** Who takes over a departing member's leads and customers (none: back to assignment, customers without owner). */
    record DeactivationInput(String successorId, String reason) {
    }

    record OwnerInput(String ownerId, String reason) {
    }

    @GetMapping("/members")
    List<TeamUpkeep.Member> members() {
        callerRoles();
        return upkeep.members();
    }

    @GetMapping("/members/{userId}")
    TeamUpkeep.Member member(@PathVariable String userId) {
        callerRoles();
        return upkeep.member(userId);
    }

    @PostMapping(path = "/members", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TeamUpkeep.Saved> add(@RequestBody TeamMemberInput input) {
        TeamUpkeep.Saved saved = upkeep.save(required(input), currentUser.id(), callerRoles());
        return saved.created()
                ? ResponseEntity.created(URI.create("/api/team/members/" + saved.member().userId())).body(saved)
                : ResponseEntity.ok(saved);
    }

    @PutMapping(path = "/members/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TeamUpkeep.Saved change(@PathVariable String userId, @RequestBody TeamMemberInput input) {
        TeamMemberInput in = required(input);
        if (in.userId() != null && !in.userId().strip().equalsIgnoreCase(userId)) {
            throw new InvalidInputException("userId", "same-as-path", "账号不能修改 the user id cannot be changed; add a new member instead");
        }
        Set<String> roles = callerRoles();
        upkeep.member(userId);
        return upkeep.save(new TeamMemberInput(userId, in.displayName(), in.role(), in.region(), in.mobile(), in.managerId(),
                in.directorId()), currentUser.id(), roles);
    }

    @PostMapping(path = "/members/{userId}/deactivate", consumes = MediaType.APPLICATION_JSON_VALUE)
    TeamUpkeep.Deactivated deactivate(@PathVariable String userId, @RequestBody(required = false) DeactivationInput input) {
        Set<String> roles = callerRoles();
        return upkeep.deactivate(userId, input == null ? null : input.successorId(), input == null ? null : input.reason(),
                currentUser.id(), roles);
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<TeamCsvImport.Report> importUpload(@RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        Set<String> roles = callerRoles();
        if (file == null) {
            throw new InvalidInputException("file", "required", "请上传 CSV 文件 upload the CSV file in the part named 'file'");
        }
        try (InputStream in = file.getInputStream()) {
            return report(csvImport.importCsv(bounded(in), currentUser.id(), roles));
        }
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<TeamCsvImport.Report> importBody(HttpServletRequest request) throws IOException {
        Set<String> roles = callerRoles();
        try (InputStream in = request.getInputStream()) {
            return report(csvImport.importCsv(bounded(in), currentUser.id(), roles));
        }
    }

    @GetMapping("/regions")
    List<Region> regions() {
        callerRoles();
        return regions.all();
    }

    @PostMapping(path = "/regions", consumes = MediaType.APPLICATION_JSON_VALUE)
    Region saveRegion(@RequestBody RegionInput input) {
        callerRoles();
        if (input == null) {
            throw new InvalidInputException("body", "json-object", "the request body must be a JSON object");
        }
        return regions.save(input.code(), input.name(), input.active() == null || input.active(), currentUser.id());
    }

    @PostMapping(path = "/customers/{customerId}/owner", consumes = MediaType.APPLICATION_JSON_VALUE)
    CustomerOwners.OwnerChange transfer(@PathVariable String customerId, @RequestBody OwnerInput input) {
        callerRoles();
        return upkeep.transferCustomer(customerId, input == null ? null : input.ownerId(), input == null ? null : input.reason(),
                currentUser.id());
    }

    /** Customers by name (contains) or credit code (starts with), for the owner transfer in the team page. */
    @GetMapping("/customers")
    List<CustomerOwners.OwnedCustomer> customers(@RequestParam(name = "q", required = false) String text) {
        callerRoles();
        return upkeep.findCustomers(text);
    }

    @GetMapping("/customers/{customerId}/owner-history")
    List<CustomerOwners.OwnerChange> ownerHistory(@PathVariable String customerId) {
        callerRoles();
        return upkeep.ownerHistory(customerId);
    }

    /** 403 unless a manager, director or admin; the roles he may keep. */
    private Set<String> callerRoles() {
        currentUser.requireAnyGroup(Groups.SALES_MANAGER, Groups.REGIONAL_DIRECTOR, Groups.ADMIN);
        return currentUser.isIn(Groups.REGIONAL_DIRECTOR) || currentUser.isIn(Groups.ADMIN)
                ? Set.of(SalesStaff.REP, SalesStaff.MANAGER, SalesStaff.DIRECTOR)
                : Set.of(SalesStaff.REP);
    }

    private static TeamMemberInput required(TeamMemberInput input) {
        if (input == null) {
            throw new InvalidInputException("body", "json-object", "the request body must be a JSON object");
        }
        return input;
    }

    private static byte[] bounded(InputStream in) throws IOException {
        byte[] content = in.readNBytes(MAX_CSV_BYTES + 1);
        if (content.length > MAX_CSV_BYTES) {
            throw new InvalidInputException("file", "max-size", "文件最大 1 MB the file may be at most 1 MB");
        }
        return content;
    }

    private static ResponseEntity<TeamCsvImport.Report> report(TeamCsvImport.Report report) {
        return report.stored() ? ResponseEntity.ok(report) : ResponseEntity.badRequest().body(report);
    }
}
