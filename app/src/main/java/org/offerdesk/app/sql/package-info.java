/**
 * SQL reads: SELECTs that capabilities write over their own rows and that whoever shows them sends to PostgreSQL
 * together, in one round trip ({@link org.offerdesk.app.sql.SqlReads}). Plumbing below every capability that reads
 * in batches (jobs, notifications, approvals, offers, orders, the dashboard, the console's pages); it knows no
 * business capability and no HTTP.
 *
 * <p>May call no other module: the others build on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "SQL reads", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.sql;
