package io.github.pbxredundancy.core.event;

/**
 * Events of a promotion ({@code io.github.pbxredundancy.core.promotion.Promoter}) and of the
 * promoted node's standby licenses: a refused promotion, a failed step, the message for every
 * user, the administrator's summary, and the warnings that the node runs on standby licenses
 * (R28, R29). The node's state and epoch changes along the way are {@link NodeEvent}s.
 *
 * <p>Per promotion that completes, exactly one {@link PhoneRestartRequested} and one
 * {@link PromotionCompleted} are sent, however often it was retried or resumed (save for the
 * one crash window the promoter documents, where it rather sends none than two).
 */
public sealed interface PromotionEvent extends RedundancyEvent
        permits PromotionRefused, PromotionStepFailed, PhoneRestartRequested, PromotionCompleted, StandbyLicenseWarning {
}
