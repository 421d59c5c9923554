package io.github.pbxredundancy.core.promotion;

import java.util.Arrays;
import java.util.Optional;

/**
 * The seven steps of a failback (R18, B5), in the order of STARFACE's "Rollback durchführen"
 * (seed 000), mapped to this library: the returning node (the former active, fenced since the
 * promotion) becomes the promoted node's standby, receives and imports its newest backup, and
 * is promoted back. A {@link FailbackPlan} holds each step's {@link FailbackStatus}; the steps are
 * done strictly in this order.
 *
 * <p>Who does a step ({@link #actor()}): the {@linkplain Actor#LIBRARY library} checks its
 * evidence and records it itself ({@link Failback}'s methods); an {@linkplain Actor#OPERATOR
 * operator} does it by hand and confirms it ({@link Failback#confirm}), the library checking
 * what it can see.
 *
 * <p>Immutable and thread-safe.
 */
public enum FailbackStep {
    /**
     * Source: "Manuelles Backup der aktiven STARFACE erstellen und lokal zwischenspeichern". The
     * returning node becomes the promoted node's standby ({@link Trigger#FAILBACK_AS_STANDBY})
     * and receives its backups through the usual replication, the other way round; done when a
     * bundle of the promoted node, of its epoch and made after the failback started, is kept
     * here ({@link Failback#verifyBackup}).
     */
    BACK_UP_ACTIVE("back-up-active", Actor.LIBRARY, "Back up the promoted node (the current active) and keep the"
            + " backup on this node: this node becomes the promoted node's standby and receives its backups through"
            + " the usual replication, the other way round. Done when a backup of the promoted node, made after the"
            + " failback started, has arrived here."),
    /**
     * Source: "Statische IPv4-Adresse der aktiven STARFACE ändern". The promoted node gives the
     * pair's address up, permanently; from then on nothing changes on it any more.
     */
    RELEASE_ADDRESS("release-address", Actor.OPERATOR, "Change the promoted node's static IPv4 address: it gives"
            + " the pair's address up, permanently (it must not come back with it after a restart), so that phones"
            + " no longer reach it and nothing changes on it any more. Confirm when done."),
    /**
     * Source: "Aktive STARFACE herunterfahren". Confirmed by the operator, once the promoted
     * node's final backup, made after its address was released, has arrived here (the library
     * checks it; R31).
     */
    SHUT_DOWN_ACTIVE("shut-down-active", Actor.OPERATOR, "Shut the promoted node down once its final backup, made"
            + " after its address was released, has arrived here: that backup holds every change made while failed"
            + " over (R31). Confirm when done."),
    /**
     * Source: "Ursprünglich aktive STARFACE hochfahren und Backupdatei einspielen". This node
     * imports the promoted node's newest backup, verified, and becomes a warm standby
     * ({@link Failback#importNewestBackup}).
     */
    IMPORT_BACKUP("import-backup", Actor.LIBRARY, "Import the promoted node's newest backup on this node: the"
            + " library checks that it is the newest one kept, of the promoted node's epoch and made after the address"
            + " was released, imports it if it is not imported yet, and makes this node a warm standby."),
    /**
     * Source: "IPv4-Adressen-Konfiguration und Lizenzen auf der jetzt wieder aktiven STARFACE
     * anpassen bzw. einspielen". The normal {@link Promoter} promotes this node back: a new
     * epoch, the pair's address, its modules ({@link Failback#promoteBack}).
     */
    PROMOTE_BACK("promote-back", Actor.LIBRARY, "Promote this node back through the normal promotion: a new epoch,"
            + " the pair's IPv4 address taken over, the modules activated. Its preconditions hold for the roles after"
            + " the failback: the promoted node confirmed down, this node's licenses complete (install or adjust them"
            + " first), the hardware lines moved back."),
    /**
     * Source: "Telefone neu starten". The promotion back tells every user to restart their
     * phone (R17); done when that message was handed to the notifiers.
     */
    RESTART_PHONES("restart-phones", Actor.LIBRARY, "Restart the phones: the promotion back tells every user to"
            + " restart their phone (R17). Done when that message was handed to the notifiers."),
    /**
     * Source: "Redundanzkonfiguration usw. auf der Standby STARFACE wie oben beschrieben wieder
     * herstellen". The promoted node becomes this node's standby again; the only step that may
     * be skipped, when it is not to be the standby any more.
     */
    RECREATE_REDUNDANCY("recreate-redundancy", Actor.OPERATOR, "Re-create the redundancy configuration with the"
            + " promoted node as this node's standby again: it starts fenced, becomes the standby"
            + " (FAILBACK_AS_STANDBY), is initialised from this node's backup (R13), and this node's replication is"
            + " started. Confirm when done, or skip it if that node is not to be the standby any more.");

    /** Who does a step. */
    public enum Actor {
        /** The library does it and records it, checking its evidence. */
        LIBRARY,
        /** An operator does it by hand and confirms it; the library checks what it can. */
        OPERATOR
    }

    private final String id;
    private final Actor actor;
    private final String description;

    FailbackStep(String id, Actor actor, String description) {
        this.id = id;
        this.actor = actor;
        this.description = description;
    }

    /**
     * The step's name in the plan file, the audit trail and events.
     *
     * @return e.g. {@code release-address}
     */
    public String id() {
        return id;
    }

    /**
     * The step's number in the plan, from 1 to 7, as in the source's list.
     *
     * @return the number
     */
    public int number() {
        return ordinal() + 1;
    }

    /**
     * Who does the step.
     *
     * @return {@link Actor#LIBRARY} or {@link Actor#OPERATOR}
     */
    public Actor actor() {
        return actor;
    }

    /**
     * What the step is, for the operator, in English.
     *
     * @return one paragraph
     */
    public String description() {
        return description;
    }

    /**
     * Whether the step may be skipped instead of done: only {@link #RECREATE_REDUNDANCY}, which
     * a pair that keeps only one node does not need. Every other step is needed for a failback
     * without an address conflict or lost changes.
     *
     * @return true for {@link #RECREATE_REDUNDANCY}
     */
    public boolean skippable() {
        return this == RECREATE_REDUNDANCY;
    }

    /**
     * The step with a recorded name.
     *
     * @param id a name from {@link #id()}
     * @return the step; empty for a name this version does not know
     */
    public static Optional<FailbackStep> ofId(String id) {
        return Arrays.stream(values()).filter(step -> step.id.equals(id)).findFirst();
    }

    /**
     * The step for messages.
     *
     * @return e.g. {@code step 2 release-address}
     */
    String label() {
        return "step " + number() + " " + id;
    }
}
