package io.github.pbxredundancy.core.promotion;

import java.util.Arrays;
import java.util.Optional;

/**
 * The steps of a promotion, in the order {@link Promoter} runs them. Each is recorded in the
 * node's {@link PromotionProgress} under its {@link #id()} once it completed, so that a promotion
 * resumed after a crash or retried after a failure skips it.
 *
 * <p>The two notification steps also record a marker before they hand their event to the
 * notifier ({@code notify-users-begun}, {@code notify-admin-begun}): a promotion resumed after a
 * crash between the marker and the completion does not send again, so no user gets the message
 * twice (see {@link Promoter}). The markers appear among the completed steps; they are not steps
 * of their own.
 *
 * <p>Immutable and thread-safe.
 */
public enum PromotionStep {
    /**
     * Raise the fencing epoch by one and persist it (B1), the point of no return: from here on
     * the promotion can only go forward (see {@link Trigger#ABORT}).
     */
    RAISE_EPOCH("raise-epoch"),
    /**
     * Take over the active's IPv4 settings and announce the address
     * ({@link io.github.pbxredundancy.core.spi.NetworkTakeover}, R2, R15).
     */
    NETWORK_TAKEOVER("network-takeover"),
    /**
     * Activate the host's module configurations, inactive on a standby
     * ({@link io.github.pbxredundancy.core.spi.ModuleActivation}, R14).
     */
    MODULE_ACTIVATION("module-activation"),
    /**
     * Tell every user to restart their phone: one
     * {@link io.github.pbxredundancy.core.event.PhoneRestartRequested} with every user of the
     * {@link io.github.pbxredundancy.core.spi.UserDirectory} (R17).
     */
    NOTIFY_USERS("notify-users"),
    /**
     * Send the administrator the summary: one
     * {@link io.github.pbxredundancy.core.event.PromotionCompleted}.
     */
    NOTIFY_ADMIN("notify-admin");

    private final String id;

    PromotionStep(String id) {
        this.id = id;
    }

    /**
     * The step's name in {@link PromotionProgress} and the audit trail.
     *
     * @return e.g. {@code network-takeover}
     */
    public String id() {
        return id;
    }

    /**
     * The step with a recorded name.
     *
     * @param id a name from {@link PromotionProgress}
     * @return the step; empty for a marker or a name this version does not know
     */
    public static Optional<PromotionStep> ofId(String id) {
        return Arrays.stream(values()).filter(step -> step.id.equals(id)).findFirst();
    }

    /** The marker recorded before the step hands its event over; only for the notification steps. */
    String beganMarker() {
        return id + "-begun";
    }
}
