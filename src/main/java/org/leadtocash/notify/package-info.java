/**
 * Notifications (DingTalk robot, SMS, voice call) with a delivery log that sends each idempotency key at most once.
 * API: {@link org.leadtocash.notify.NotificationService}, {@link org.leadtocash.notify.NotificationRequest}.
 */
@ApplicationModule(displayName = "Notify 通知", allowedDependencies = "shared")
package org.leadtocash.notify;

import org.springframework.modulith.ApplicationModule;
