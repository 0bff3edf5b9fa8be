/**
 * Customer contact measured from the work itself: the telephony call-record webhook, passive capture of
 * contact attempts (a matched call pre-fills the rep's first-contact task; a quote PDF sent is recorded), the share
 * of contact records captured versus typed, and each rep's effective contact-time share per day and week. Listens to
 * {@link org.leadtocash.lead.ContactAttemptRecorded} and {@link org.leadtocash.quote.QuoteDocumentSent}; reads
 * leads, reps and trips through {@link org.leadtocash.lead.PhoneDirectory}.
 */
@ApplicationModule(displayName = "Contact 客户接触", allowedDependencies = {"shared", "lead", "quote"})
package org.leadtocash.contact;

import org.springframework.modulith.ApplicationModule;
