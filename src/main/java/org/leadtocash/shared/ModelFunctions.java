package org.leadtocash.shared;

/**
 * Marks a bean whose public methods a diagram's expressions may call (e.g. a timer's date or a gateway's condition):
 * read-only functions of process variables and the app's own data, no side effects. The deploy-time allow-list
 * accepts these beans beside the app's delegates and listeners; any other Spring bean in an expression is refused.
 */
public interface ModelFunctions {
}
