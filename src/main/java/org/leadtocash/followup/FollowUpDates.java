package org.leadtocash.followup;

import java.time.Period;
import java.util.Date;

import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FormDates;
import org.springframework.stereotype.Component;

/**
 * Timer dates of {@code bpmn/customer-follow-up.bpmn} from the rep's promised day and an offset drawn literally in the
 * diagram: {@code ${followUpDates.promisePlus(nextFollowUpDate, 'P1D')}} is the start (00:00, team's zone) of the day
 * after the promise.
 */
@Component("followUpDates")
public class FollowUpDates implements org.leadtocash.shared.ModelFunctions {
    private final EngineClock clock;

    FollowUpDates(EngineClock clock) {
        this.clock = clock;
    }

    public Date promisePlus(Object promisedDate, String period) {
        return Date.from(FormDates.parse(promisedDate, clock.zone()).plus(Period.parse(period))
                .atStartOfDay(clock.zone()).toInstant());
    }
}
