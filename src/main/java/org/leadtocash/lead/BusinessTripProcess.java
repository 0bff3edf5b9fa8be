package org.leadtocash.lead;

/** Names of {@code bpmn/business-trip.bpmn}: a rep (or a manager for a rep) enters a business trip in Tasklist. */
public final class BusinessTripProcess {
    public static final String KEY = "BusinessTripProcess";

    public static final class Task {
        public static final String RECORD_TRIP = "Task_RecordTrip";

        private Task() {
        }
    }

    public static final class Event {
        public static final String TRIP_RECORDED = "EndEvent_TripRecorded";

        private Event() {
        }
    }

    public static final class Vars {
        public static final String TRIP_INITIATOR = "tripInitiator";
        public static final String TRIP_REP_ID = "tripRepId";
        public static final String TRIP_START = "tripStart";
        public static final String TRIP_END = "tripEnd";
        public static final String TRIP_NOTE = "tripNote";
        public static final String TRIP_ID = "tripId";

        private Vars() {
        }
    }

    private BusinessTripProcess() {
    }
}
