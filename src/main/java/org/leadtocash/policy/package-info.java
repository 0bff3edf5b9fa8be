/**
 * Product policy roll-outs: marketing publishes a policy (new product, price or rebate rule) from a Tasklist start
 * form; the reps in its scope get DingTalk and a Tasklist task to acknowledge; the first deal signed under it closes the
 * roll-out; past the drawn 72 h without one the director is alerted. "Under the policy" = a
 * {@link org.leadtocash.lead.DealSigned} signed after publication by a rep in the policy's scope (its region, or every
 * rep). Measured per policy: publish → notified → acknowledged → first deal. API: {@link org.leadtocash.policy.PolicyRolloutProcess}.
 */
@ApplicationModule(displayName = "Policy 政策推广", allowedDependencies = {"shared", "lead", "notify"})
package org.leadtocash.policy;

import org.springframework.modulith.ApplicationModule;
