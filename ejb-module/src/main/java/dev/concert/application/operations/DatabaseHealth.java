package dev.concert.application.operations;

/** Whether the database answers now; implemented by the infrastructure that owns the data source. */
public interface DatabaseHealth {

    boolean answers();
}
