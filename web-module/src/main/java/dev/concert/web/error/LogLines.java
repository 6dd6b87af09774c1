package dev.concert.web.error;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Log lines with fields of their own: the fields travel as the record's map parameter, which Payara's
 * JSON log formatter writes as JSON fields beside its own (Timestamp, Level, LoggerName, LogMessage);
 * a plain formatter shows the message, which says the same in words. Every line names the instance
 * and the request it was written for.
 */
public final class LogLines {

    private static final String INSTANCE = instanceName();

    private LogLines() {
    }

    /** A record for {@code logger} with {@code message}, and the fields instance, requestId, then {@code fields}. */
    public static LogRecord record(String logger, Level level, String message, Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("instance", INSTANCE);
        all.put("requestId", RequestId.current());
        all.putAll(fields);
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setParameters(new Object[] {all});
        return record;
    }

    /** This server: Payara Server's instance name ("concert-i1"), else the host's name. */
    static String instanceName() {
        String instance = System.getProperty("com.sun.aas.instanceName");
        if (instance != null && !instance.isBlank() && !"server".equals(instance)) {
            return instance;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + (instance == null ? "" : "/" + instance);
        } catch (Exception unknown) {
            return instance == null ? "unknown" : instance;
        }
    }
}
