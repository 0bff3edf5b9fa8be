/**
 * The application's frame: security, groups, authorizations and Tasklist filters, the demo users, the production
 * safety check, engine tuning and the API's error answers. No feature depends on it.
 */
@ApplicationModule(displayName = "System 系统", allowedDependencies = {"shared", "lead", "quote"})
package org.leadtocash.system;

import org.springframework.modulith.ApplicationModule;
