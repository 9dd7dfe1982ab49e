/**
 * SaaS registration and what follows it: registration tokens and the Metering API (ResolveCustomer,
 * BatchMeterUsage, MeterUsage), and the Entitlement API (GetEntitlements).
 */
package org.offerdesk.sandbox.metering;
