/**
 * Payment journeys (R-20…R-24): nodes drawn in the diagram (five shipped) with 48 h breakers, blocker checklists, the rep's stuck view, payment KPIs
 * and, in {@code payment.statement}, the bank-statement import. API: {@link org.leadtocash.payment.PaymentJourneys},
 * {@link org.leadtocash.payment.PaymentJourneyProcess}.
 */
@ApplicationModule(displayName = "Payment 回款", allowedDependencies = {"shared", "lead", "notify"})
package org.leadtocash.payment;

import org.springframework.modulith.ApplicationModule;
