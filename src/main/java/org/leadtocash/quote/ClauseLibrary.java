package org.leadtocash.quote;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.leadtocash.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clause library: clause types with numbered versions. Legal publishes a new version; nothing ever
 * changes or deletes a published one, so every version a quote or contract cited stays readable.
 * <p>
 * "Latest" is the version in force today (engine clock, {@code leadtocash.zone}): the highest version number whose
 * effective date is today or earlier. A version published with a future effective date becomes the latest on that
 * date; a version published later with an earlier date supersedes it (the higher number wins once both are in force).
 */
@Service
class ClauseLibrary {
    /** Longest clause text accepted, in characters. */
    public static final int MAX_TEXT_LENGTH = 20_000;
    /** The only group that publishes clause versions. */
    public static final String PUBLISHER_GROUP = Groups.LEGAL;
    static final String PUBLISH_RULE = "只有法务组(legal)可以发布条款新版本 only members of group 'legal' may publish clause versions";

    private static final Logger log = LoggerFactory.getLogger(ClauseLibrary.class);

    private final ClauseRepository clauses;
    private final EngineClock clock;

    public ClauseLibrary(ClauseRepository clauses, EngineClock clock) {
        this.clauses = clauses;
        this.clock = clock;
    }

    /** Every clause type, ordered by code. */
    public List<ClauseType> types() {
        return clauses.types();
    }

    /** @throws NotFoundException for an unknown type code */
    public ClauseType type(String typeCode) {
        return clauses.type(normalize(typeCode)).orElseThrow(() -> unknownType(typeCode));
    }

    /**
     * The version in force today.
     *
     * @throws NotFoundException for an unknown type, or a type with no version in force yet
     */
    public ClauseVersion latest(String typeCode) {
        ClauseType type = type(typeCode);
        return clauses.inForce(type.code(), clock.today()).orElseThrow(() -> new NotFoundException(
                "条款尚无生效版本 clause type " + type.code() + " has no version in force on " + clock.today()));
    }

    /**
     * The versions in force today of the given types plus every type that applies to all quotes, ordered by type code.
     * A type with no version in force yet is left out.
     *
     * @throws NotFoundException if one of the given codes is no clause type
     */
    public List<ClauseVersion> latestFor(Collection<String> typeCodes) {
        Set<String> wanted = new LinkedHashSet<>();
        List<ClauseType> all = clauses.types();
        Set<String> known = new LinkedHashSet<>();
        all.forEach(t -> known.add(t.code()));
        for (String code : typeCodes == null ? List.<String>of() : typeCodes) {
            String c = normalize(code);
            if (!known.contains(c)) {
                throw unknownType(code);
            }
            wanted.add(c);
        }
        all.stream().filter(ClauseType::appliesToAll).forEach(t -> wanted.add(t.code()));
        return clauses.inForce(wanted, clock.today());
    }

    /**
     * All versions of the type, version 1 first, scheduled ones (effective date after today) included.
     *
     * @throws NotFoundException for an unknown type
     */
    public List<ClauseVersion> history(String typeCode) {
        return clauses.history(type(typeCode).code());
    }

    /** @throws NotFoundException if no version has the id */
    public ClauseVersion version(long id) {
        return clauses.version(id).orElseThrow(() -> new NotFoundException("条款版本不存在 clause version " + id + " does not exist"));
    }

    /** @throws NotFoundException if the type has no such version */
    public ClauseVersion version(String typeCode, int version) {
        ClauseType type = type(typeCode);
        return clauses.version(type.code(), version).orElseThrow(() -> new NotFoundException(
                "条款版本不存在 clause " + type.code() + " has no version " + version));
    }

    /**
     * Publishes the next version of a clause type.
     *
     * @param effectiveDate today or later
     * @param text          the clause text, 1 to {@value #MAX_TEXT_LENGTH} characters after trimming
     * @throws AccessDeniedException unless the publisher is in group {@code legal}
     * @throws InvalidInputException naming {@code clauseType}, {@code effectiveDate} and/or {@code clauseText}
     */
    @Transactional
    public ClauseVersion publish(String typeCode, LocalDate effectiveDate, String text, String publisherId,
                                 Collection<String> publisherGroups) {
        if (publisherId == null || publisherId.isBlank() || publisherGroups == null || !publisherGroups.contains(PUBLISHER_GROUP)) {
            throw new AccessDeniedException(PUBLISH_RULE);
        }
        List<FieldError> errors = new ArrayList<>();
        ClauseType type = null;
        if (typeCode == null || typeCode.isBlank()) {
            errors.add(new FieldError("clauseType", "required", "条款类型必填 is required"));
        } else {
            type = clauses.lockType(normalize(typeCode)).orElse(null);
            if (type == null) {
                errors.add(new FieldError("clauseType", "known-type", "'" + typeCode.strip() + "' 不是条款类型 is no clause type; known: "
                        + clauses.types().stream().map(ClauseType::code).toList()));
            }
        }
        LocalDate today = clock.today();
        if (effectiveDate == null) {
            errors.add(new FieldError("effectiveDate", "required", "生效日期必填 is required"));
        } else if (effectiveDate.isBefore(today)) {
            errors.add(new FieldError("effectiveDate", "not-in-past",
                    "生效日期不能早于今天 must be today (" + today + ") or later; a published version never takes effect retroactively"));
        }
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            errors.add(new FieldError("clauseText", "required", "条款正文必填 is required"));
        } else if (clean.length() > MAX_TEXT_LENGTH) {
            errors.add(new FieldError("clauseText", "max-length",
                    "条款正文过长 must be at most " + MAX_TEXT_LENGTH + " characters, was " + clean.length()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int next = clauses.highestVersion(type.code()) + 1;
        long id = clauses.insert(type.code(), next, effectiveDate, clean, publisherId, clock.now());
        log.info("Clause {} version {} published by {}, effective {}", type.code(), next, publisherId, effectiveDate);
        return version(id);
    }

    private static String normalize(String typeCode) {
        return typeCode == null ? "" : typeCode.strip();
    }

    private NotFoundException unknownType(String typeCode) {
        return new NotFoundException("条款类型不存在 clause type '" + normalize(typeCode) + "' does not exist");
    }
}
