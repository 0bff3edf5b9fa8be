package org.leadtocash.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The hand-made customers of the overdue-ratio tests, as of 2027-03-01 10:00 Asia/Shanghai (lost since 2026-12-01 10:00):
 *
 * <pre>
 *     rep        team   status  last contact       promise      lost        overdue?
 *  a  zhangwei   EAST   ACTIVE  2027-02-01 10:00   2027-02-20               yes
 *  b  zhangwei   EAST   ACTIVE  2027-02-25 10:00   2027-03-05               no (promise ahead)
 *  c  zhangwei   EAST   ACTIVE  2027-02-10 10:00   2027-03-01               no (promise is today)
 *  d  zhangwei   EAST   LOST    2026-10-10 10:00   2026-10-20   2027-01-15  yes
 *  e  zhangwei   EAST   LOST    2026-08-01 10:00   2026-08-10   2026-11-01  not counted (lost before the window)
 *  f  lina       EAST   ACTIVE  2027-02-27 10:00   2027-02-28               yes
 *  g  lina       EAST   ACTIVE  2027-02-28 12:00   2027-02-28               no (contacted on the promised day)
 *  h  chenjing   SOUTH  ACTIVE  2027-02-01 10:00   2027-02-15               yes
 *  i  chenjing   SOUTH  ACTIVE  2027-02-26 10:00   2027-03-10               no
 *  j  chenjing   SOUTH  ACTIVE  2027-02-26 10:00   2027-03-11               no
 *  k  chenjing   SOUTH  ACTIVE  2027-02-26 10:00   2027-03-12               no
 *
 *  zhangwei 2/4 = 0.5000, lina 1/2 = 0.5000, chenjing 1/4 = 0.2500
 *  EAST 3/6 = 0.5000 (above 25 %), SOUTH 1/4 = 0.2500 (not above), NORTH 0/0 = 0.0000, company 4/10 = 0.4000
 * </pre>
 */
final class FollowUpLedger {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant AS_OF = at(2027, 3, 1, 10);

    record Ids(String a, String d, String f) {
    }

    private FollowUpLedger() {
    }

    static Ids build(FollowUpFixtures f) {
        String a = f.row("zhangwei", "ACTIVE", at(2027, 2, 1, 10), day(2027, 2, 20), null);
        f.row("zhangwei", "ACTIVE", at(2027, 2, 25, 10), day(2027, 3, 5), null);
        f.row("zhangwei", "ACTIVE", at(2027, 2, 10, 10), day(2027, 3, 1), null);
        String d = f.row("zhangwei", "LOST", at(2026, 10, 10, 10), day(2026, 10, 20), at(2027, 1, 15, 10));
        f.row("zhangwei", "LOST", at(2026, 8, 1, 10), day(2026, 8, 10), at(2026, 11, 1, 10));
        String ff = f.row("lina", "ACTIVE", at(2027, 2, 27, 10), day(2027, 2, 28), null);
        f.row("lina", "ACTIVE", at(2027, 2, 28, 12), day(2027, 2, 28), null);
        f.row("chenjing", "ACTIVE", at(2027, 2, 1, 10), day(2027, 2, 15), null);
        f.row("chenjing", "ACTIVE", at(2027, 2, 26, 10), day(2027, 3, 10), null);
        f.row("chenjing", "ACTIVE", at(2027, 2, 26, 10), day(2027, 3, 11), null);
        f.row("chenjing", "ACTIVE", at(2027, 2, 26, 10), day(2027, 3, 12), null);
        return new Ids(a, d, ff);
    }

    static Instant at(int y, int m, int d, int hour) {
        return LocalDateTime.of(y, m, d, hour, 0).atZone(SHANGHAI).toInstant();
    }

    static LocalDate day(int y, int m, int d) {
        return LocalDate.of(y, m, d);
    }
}
