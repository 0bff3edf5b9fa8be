/**
 * What every feature shares and nothing else: input errors ({@link org.leadtocash.shared.InvalidInputException},
 * {@link org.leadtocash.shared.FieldError}, {@link org.leadtocash.shared.NotFoundException}), the engine clock, form
 * dates, KPI date ranges and medians, the Camunda groups, the current user, the shared Tasklist filters and
 * {@link org.leadtocash.shared.OncePerKey} (send at most once per key across nodes). Depends on no other module.
 */
@ApplicationModule(displayName = "Shared 共用", allowedDependencies = {})
package org.leadtocash.shared;

import org.springframework.modulith.ApplicationModule;
