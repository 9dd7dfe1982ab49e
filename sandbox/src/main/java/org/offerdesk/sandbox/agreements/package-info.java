/**
 * Agreements between buyers and sellers: created by buyers' acceptance, ended by time or replacement,
 * and served through the Agreement API (SearchAgreements, DescribeAgreement, GetAgreementTerms).
 */
package org.offerdesk.sandbox.agreements;
