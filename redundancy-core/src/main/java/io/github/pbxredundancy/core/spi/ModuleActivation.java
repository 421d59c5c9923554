package io.github.pbxredundancy.core.spi;

/**
 * The promotion step that activates the host's module configurations, which stay inactive
 * while the node is a standby even when they are configured correctly (R14): call routing,
 * voicemail, fax, integrations, everything the active ran.
 *
 * <p><b>Idempotent.</b> A promotion that stopped (a crash, a failed later step) runs this step
 * again if it was not recorded as completed, possibly after it did all its work. Modules active
 * already must stay as they are, and the call must succeed. Return when every module that should
 * run is running; throw (any exception, with a message for the administrator) if one could not
 * be activated: the promotion then stops in {@code PROMOTION_FAILED} naming this step, and the
 * operator retries.
 *
 * <p>Threads: called on the promoter's executor, never twice at once by one promoter. The
 * library sets no time limit: a host whose modules can hang on start must bound them itself.
 */
@FunctionalInterface
public interface ModuleActivation {
    /**
     * Activates the host's module configurations; see the type's description.
     *
     * @throws RuntimeException if a module could not be activated; the message is shown to the
     *     administrator and recorded
     */
    void activateModules();
}
