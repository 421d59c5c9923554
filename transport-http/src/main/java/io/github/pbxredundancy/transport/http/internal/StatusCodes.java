package io.github.pbxredundancy.transport.http.internal;

import io.github.pbxredundancy.core.ReasonCode;
import io.github.pbxredundancy.core.spi.DeliveryReceipt;

/**
 * The one table between HTTP status codes and the library's reason codes, both ways: the receiver
 * answers a verdict with {@link #ofVerdict}, the client reads a status that came without a verdict
 * (a refusal of the protocol, or a proxy's answer) with {@link #reasonOf}. A response that carries
 * a verdict is judged by the verdict, not by its status.
 *
 * <p>Not part of the API. Stateless and thread-safe.
 */
public final class StatusCodes {
    /** 200 OK. */
    public static final int OK = 200;
    /** 201 Created. */
    public static final int CREATED = 201;
    /** 204 No Content. */
    public static final int NO_CONTENT = 204;
    /** 400 Bad Request. */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthorized. */
    public static final int UNAUTHORIZED = 401;
    /** 403 Forbidden. */
    public static final int FORBIDDEN = 403;
    /** 404 Not Found. */
    public static final int NOT_FOUND = 404;
    /** 405 Method Not Allowed. */
    public static final int METHOD_NOT_ALLOWED = 405;
    /** 408 Request Timeout. */
    public static final int REQUEST_TIMEOUT = 408;
    /** 409 Conflict. */
    public static final int CONFLICT = 409;
    /** 411 Length Required. */
    public static final int LENGTH_REQUIRED = 411;
    /** 413 Content Too Large. */
    public static final int CONTENT_TOO_LARGE = 413;
    /** 415 Unsupported Media Type. */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** 422 Unprocessable Content. */
    public static final int UNPROCESSABLE = 422;
    /** 429 Too Many Requests. */
    public static final int TOO_MANY_REQUESTS = 429;
    /** 431 Request Header Fields Too Large. */
    public static final int HEADERS_TOO_LARGE = 431;
    /** 500 Internal Server Error. */
    public static final int INTERNAL_ERROR = 500;
    /** 502 Bad Gateway. */
    public static final int BAD_GATEWAY = 502;
    /** 503 Service Unavailable. */
    public static final int UNAVAILABLE = 503;
    /** 504 Gateway Timeout. */
    public static final int GATEWAY_TIMEOUT = 504;
    /** 507 Insufficient Storage. */
    public static final int INSUFFICIENT_STORAGE = 507;

    /** Which request of the protocol a status answers: a 404 means different things. */
    public enum Phase {
        /** {@code POST <path>/uploads/<id>}: before it, nothing is known to exist. */
        CREATE,
        /** {@code HEAD}, {@code PATCH} or {@code POST .../finish} on an upload that was created. */
        UPLOAD
    }

    private StatusCodes() {
    }

    /**
     * The status a verdict is answered with.
     *
     * <table>
     *   <caption>verdict to status</caption>
     *   <tr><th>verdict</th><th>status</th></tr>
     *   <tr><td>accepted</td><td>200</td></tr>
     *   <tr><td>STALE_EPOCH, FOREIGN_PAIR</td><td>409</td></tr>
     *   <tr><td>LIMIT_EXCEEDED</td><td>413</td></tr>
     *   <tr><td>DISK_FULL</td><td>507</td></tr>
     *   <tr><td>INTEGRITY_FAILED (the bytes are not what was announced, or damaged)</td><td>422</td></tr>
     *   <tr><td>every other code that is not retryable (VERSION_INCOMPATIBLE, UNSAFE_ARCHIVE, ...)</td><td>400</td></tr>
     *   <tr><td>every other retryable code (UNEXPECTED, TRANSFER_INTERRUPTED, ...)</td><td>500</td></tr>
     * </table>
     * So the status alone, read by {@link #reasonOf} if a proxy dropped the verdict, leads to the
     * same decision whether to retry.
     *
     * @param verdict the verdict
     * @return its status
     */
    public static int ofVerdict(DeliveryReceipt verdict) {
        if (verdict instanceof DeliveryReceipt.Accepted) {
            return OK;
        }
        ReasonCode reason = ((DeliveryReceipt.Rejected) verdict).reason();
        switch (reason) {
            case STALE_EPOCH:
            case FOREIGN_PAIR:
                return CONFLICT;
            case LIMIT_EXCEEDED:
                return CONTENT_TOO_LARGE;
            case DISK_FULL:
                return INSUFFICIENT_STORAGE;
            case INTEGRITY_FAILED:
                return UNPROCESSABLE;
            default:
                return reason.retryable() ? INTERNAL_ERROR : BAD_REQUEST;
        }
    }

    /**
     * What a status that came without a verdict means for the delivery.
     *
     * <table>
     *   <caption>status to reason code</caption>
     *   <tr><th>status</th><th>reason</th><th>retried</th></tr>
     *   <tr><td>401</td><td>AUTHENTICATION_FAILED</td><td>no</td></tr>
     *   <tr><td>403</td><td>PERMISSION_DENIED</td><td>no</td></tr>
     *   <tr><td>404 on create</td><td>INVALID_INPUT (no receiver at that path)</td><td>no</td></tr>
     *   <tr><td>404 later</td><td>TRANSFER_INTERRUPTED (the upload expired)</td><td>yes</td></tr>
     *   <tr><td>408</td><td>TIMEOUT</td><td>yes</td></tr>
     *   <tr><td>409</td><td>FOREIGN_PAIR (a conflict the receiver did not explain)</td><td>no</td></tr>
     *   <tr><td>413</td><td>LIMIT_EXCEEDED</td><td>no</td></tr>
     *   <tr><td>422</td><td>INTEGRITY_FAILED</td><td>yes</td></tr>
     *   <tr><td>429, 502, 503</td><td>CONNECTION_FAILED</td><td>yes</td></tr>
     *   <tr><td>504</td><td>TIMEOUT</td><td>yes</td></tr>
     *   <tr><td>507</td><td>DISK_FULL</td><td>yes</td></tr>
     *   <tr><td>other 5xx</td><td>UNEXPECTED</td><td>yes</td></tr>
     *   <tr><td>1xx, 2xx, 3xx (redirects are never followed), other 4xx</td><td>INVALID_INPUT</td><td>no</td></tr>
     * </table>
     * A 409 with an {@code Upload-Offset} (the upload is elsewhere than the request assumed) is
     * handled by the client before it asks this table.
     *
     * @param status the HTTP status
     * @param phase which request it answers
     * @return the reason code
     */
    public static ReasonCode reasonOf(int status, Phase phase) {
        switch (status) {
            case UNAUTHORIZED:
                return ReasonCode.AUTHENTICATION_FAILED;
            case FORBIDDEN:
                return ReasonCode.PERMISSION_DENIED;
            case NOT_FOUND:
                return phase == Phase.CREATE ? ReasonCode.INVALID_INPUT : ReasonCode.TRANSFER_INTERRUPTED;
            case REQUEST_TIMEOUT:
            case GATEWAY_TIMEOUT:
                return ReasonCode.TIMEOUT;
            case CONFLICT:
                return ReasonCode.FOREIGN_PAIR;
            case CONTENT_TOO_LARGE:
                return ReasonCode.LIMIT_EXCEEDED;
            case UNPROCESSABLE:
                return ReasonCode.INTEGRITY_FAILED;
            case TOO_MANY_REQUESTS:
            case BAD_GATEWAY:
            case UNAVAILABLE:
                return ReasonCode.CONNECTION_FAILED;
            case INSUFFICIENT_STORAGE:
                return ReasonCode.DISK_FULL;
            default:
                return status >= 500 && status <= 599 ? ReasonCode.UNEXPECTED : ReasonCode.INVALID_INPUT;
        }
    }

    /**
     * @param status an HTTP status
     * @return e.g. {@code 409 Conflict}, for messages
     */
    public static String describe(int status) {
        String phrase = reasonPhrase(status);
        return phrase.isEmpty() ? Integer.toString(status) : status + " " + phrase;
    }

    private static String reasonPhrase(int status) {
        switch (status) {
            case OK: return "OK";
            case CREATED: return "Created";
            case NO_CONTENT: return "No Content";
            case BAD_REQUEST: return "Bad Request";
            case UNAUTHORIZED: return "Unauthorized";
            case FORBIDDEN: return "Forbidden";
            case NOT_FOUND: return "Not Found";
            case METHOD_NOT_ALLOWED: return "Method Not Allowed";
            case REQUEST_TIMEOUT: return "Request Timeout";
            case CONFLICT: return "Conflict";
            case LENGTH_REQUIRED: return "Length Required";
            case CONTENT_TOO_LARGE: return "Content Too Large";
            case UNSUPPORTED_MEDIA_TYPE: return "Unsupported Media Type";
            case UNPROCESSABLE: return "Unprocessable Content";
            case TOO_MANY_REQUESTS: return "Too Many Requests";
            case HEADERS_TOO_LARGE: return "Request Header Fields Too Large";
            case INTERNAL_ERROR: return "Internal Server Error";
            case BAD_GATEWAY: return "Bad Gateway";
            case UNAVAILABLE: return "Service Unavailable";
            case GATEWAY_TIMEOUT: return "Gateway Timeout";
            case INSUFFICIENT_STORAGE: return "Insufficient Storage";
            default: return "";
        }
    }
}
