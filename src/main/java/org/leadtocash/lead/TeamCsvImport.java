package org.leadtocash.lead;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The first load of the sales team from a CSV file (UTF-8, a header line, one member per line; columns userId,
 * displayName, role, region, mobile, managerId, directorId in any order, or their Chinese names 账号, 姓名, 角色, 区域,
 * 手机, 主管, 总监). All or nothing: a file with any bad line stores nothing and the report names each bad line's number,
 * field and rule; a good file stores every line. Re-importing the same file changes nothing and creates no user twice.
 * A manager may be named by a line of the same file.
 */
@Service
public class TeamCsvImport {
    static final int MAX_LINES = 2000;
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        for (String[] c : new String[][] {{"userId", "账号"}, {"displayName", "姓名"}, {"role", "角色"}, {"region", "区域"},
                {"mobile", "手机"}, {"managerId", "主管"}, {"directorId", "总监"}}) {
            COLUMNS.put(c[0].toLowerCase(Locale.ROOT), c[0]);
            COLUMNS.put(c[1], c[0]);
        }
    }

    private final TeamUpkeep upkeep;

    public TeamCsvImport(TeamUpkeep upkeep) {
        this.upkeep = upkeep;
    }

    /** One line's outcome: {@code outcome} is created, changed, unchanged or refused. */
    public record LineResult(int line, String userId, String outcome, String initialPassword, List<FieldError> errors) {
    }

    /** {@code stored}: whether the file was stored (false = nothing was); the lines in file order. */
    public record Report(boolean stored, int lines, int created, int changed, int unchanged, int refused, List<LineResult> results,
                         List<FieldError> fileErrors) {
    }

    @Transactional
    public Report importCsv(byte[] content, String by, Set<String> callerRoles) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return refusedFile(new FieldError("file", "utf-8", "文件须为 UTF-8 编码 the file must be UTF-8 encoded (save as \"CSV UTF-8\")"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = parse(text);
        if (rows.isEmpty() || rows.get(0).stream().allMatch(String::isBlank)) {
            return refusedFile(new FieldError("file", "header", "缺少标题行 the first line must be the header: " + String.join(",", headerNames())));
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip()).toList();
        List<String> keys = new ArrayList<>();
        List<FieldError> headerErrors = new ArrayList<>();
        for (String h : header) {
            String key = COLUMNS.get(h.toLowerCase(Locale.ROOT));
            if (key == null) {
                key = COLUMNS.get(h);
            }
            if (key == null) {
                headerErrors.add(new FieldError("header", "known-column", "第1行：未知列 line 1: unknown column '" + h + "'; columns are "
                        + String.join(",", headerNames())));
            } else if (keys.contains(key)) {
                headerErrors.add(new FieldError("header", "unique-column", "第1行：列重复 line 1: column '" + h + "' appears twice"));
            }
            keys.add(key);
        }
        for (String required : List.of("userId", "displayName", "mobile")) {
            if (!keys.contains(required)) {
                headerErrors.add(new FieldError("header", "required-column", "第1行：缺少列 line 1: the column " + required + " is missing"));
            }
        }
        if (!headerErrors.isEmpty()) {
            return refusedFile(headerErrors.toArray(FieldError[]::new));
        }
        if (rows.size() - 1 > MAX_LINES) {
            return refusedFile(new FieldError("file", "max-lines", "最多 " + MAX_LINES + " 行 at most " + MAX_LINES + " lines per file"));
        }

        List<TeamMemberInput> inputs = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<LineResult> results = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> v = new LinkedHashMap<>();
            for (int c = 0; c < keys.size(); c++) {
                v.put(keys.get(c), c < cells.size() ? cells.get(c) : null);
            }
            int line = i + 1;
            if (cells.size() > keys.size()) {
                results.add(new LineResult(line, v.get("userId"), "refused", null, List.of(new FieldError("line", "column-count",
                        "第" + line + "行有 " + cells.size() + " 列，标题行有 " + keys.size() + " 列 line has more columns than the header"))));
                continue;
            }
            inputs.add(new TeamMemberInput(v.get("userId"), v.get("displayName"), v.get("role"), v.get("region"), v.get("mobile"),
                    v.get("managerId"), v.get("directorId")));
            lineNumbers.add(line);
            results.add(null);
        }
        // validate every line against the roster and the other lines of the file
        List<TeamMemberInput> clean = new ArrayList<>();
        Map<String, Integer> firstLineOf = new LinkedHashMap<>();
        int at = 0;
        for (int r = 0; r < results.size(); r++) {
            if (results.get(r) != null) {
                continue;
            }
            TeamMemberInput in = inputs.get(at);
            int line = lineNumbers.get(at);
            at++;
            try {
                TeamMemberInput ok = upkeep.validate(in, inputs, callerRoles);
                Integer earlier = firstLineOf.putIfAbsent(ok.userId(), line);
                if (earlier != null) {
                    results.set(r, new LineResult(line, ok.userId(), "refused", null, List.of(new FieldError("userId", "unique-in-file",
                            "第" + line + "行：账号已在第" + earlier + "行 the user id is already on line " + earlier))));
                } else {
                    clean.add(ok);
                    results.set(r, new LineResult(line, ok.userId(), "valid", null, List.of()));
                }
            } catch (InvalidInputException e) {
                results.set(r, new LineResult(line, TeamUpkeep.trim(in.userId()), "refused", null, e.errors()));
            }
        }
        long refused = results.stream().filter(l -> l.outcome().equals("refused")).count();
        if (refused > 0) {
            return new Report(false, results.size(), 0, 0, 0, (int) refused, results, List.of());
        }
        // managers and directors first, so the reps' lines can name them
        List<TeamMemberInput> ordered = new ArrayList<>(clean);
        ordered.sort((a, b) -> Integer.compare(rank(a.role()), rank(b.role())));
        Map<String, TeamUpkeep.Saved> saved = new LinkedHashMap<>();
        for (TeamMemberInput m : ordered) {
            saved.put(m.userId(), upkeep.store(m, by));
        }
        List<LineResult> done = new ArrayList<>();
        int created = 0;
        int changed = 0;
        int unchanged = 0;
        for (LineResult l : results) {
            TeamUpkeep.Saved s = saved.get(l.userId());
            String outcome = s.created() ? "created" : s.changed() ? "changed" : "unchanged";
            created += s.created() ? 1 : 0;
            changed += !s.created() && s.changed() ? 1 : 0;
            unchanged += s.changed() ? 0 : 1;
            done.add(new LineResult(l.line(), l.userId(), outcome, s.initialPassword(), List.of()));
        }
        return new Report(true, done.size(), created, changed, unchanged, 0, done, List.of());
    }

    private static int rank(String role) {
        return SalesStaff.DIRECTOR.equals(role) ? 0 : SalesStaff.MANAGER.equals(role) ? 1 : 2;
    }

    private static Report refusedFile(FieldError... errors) {
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        return new Report(false, 0, 0, 0, 0, 0, List.of(), List.of(errors));
    }

    private static List<String> headerNames() {
        return List.of("userId", "displayName", "role", "region", "mobile", "managerId", "directorId");
    }

    /** RFC 4180 lines: comma-separated, double quotes around cells with commas, quotes ("") or line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
