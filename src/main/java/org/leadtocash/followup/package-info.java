/**
 * Customer follow-up cadence: after first contact each owned customer's promised next follow-up becomes a timer;
 * a missed promise gives the rep a Tasklist task and a DingTalk reminder; no contact for the period drawn in the diagram
 * makes the customer 流失 lost (a later contact wins it back). The overdue follow-up ratio per rep, team and company, and
 * the daily switch of stronger reminders per team (threshold in DMN). Listens to {@link org.leadtocash.lead.CustomerReached}.
 * API: {@link org.leadtocash.followup.CustomerFollowUpProcess}, {@link org.leadtocash.followup.FollowUpReminderPolicyProcess}.
 */
@ApplicationModule(displayName = "Follow-up 客户跟进", allowedDependencies = {"shared", "lead", "notify"})
package org.leadtocash.followup;

import org.springframework.modulith.ApplicationModule;
