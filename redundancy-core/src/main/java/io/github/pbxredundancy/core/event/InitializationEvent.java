package io.github.pbxredundancy.core.event;

/**
 * Events of the one-time standby initialisation (R13, STARFACE's "Standby-Import"): an
 * operator imported the active's full backup on the standby, overwriting all of its data, or
 * tried to and failed. Reported for the audit trail and the administrator's mail.
 */
public sealed interface InitializationEvent extends RedundancyEvent permits StandbyInitialized, InitializationFailed {
    /**
     * Who started the initialisation, as the operator gave it.
     *
     * @return the operator's name
     */
    String operator();
}
