/**
 * Notifications (DingTalk and WeCom robots, SMS and voice call through Alibaba Cloud or an HTTP gateway) with a
 * delivery log that sends each idempotency key at most once, and the generic send-notification task.
 * API: {@link org.leadtocash.notify.NotificationService}, {@link org.leadtocash.notify.NotificationRequest},
 * {@link org.leadtocash.notify.NotificationTask}, {@link org.leadtocash.notify.NotificationRecipients},
 * {@link org.leadtocash.notify.RecipientDirectory}.
 */
@ApplicationModule(displayName = "Notify 通知", allowedDependencies = "shared")
package org.leadtocash.notify;

import org.springframework.modulith.ApplicationModule;
