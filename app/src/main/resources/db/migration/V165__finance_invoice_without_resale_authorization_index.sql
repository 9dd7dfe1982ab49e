-- Of finance_invoice's eight indexes, this one serves no query: nothing looks invoices up by resale authorization
-- (the API's and the pages' filters are order, agreement, status and variant, and a search by invoice, agreement or
-- payout ID; a channel deal's invoices show their authorization but are never found by it). The others each serve
-- a filter or the newest-first order of the invoices table. A month's first recompute is about half index
-- maintenance (bench P4, 37,927 invoices, load 45-70: 7.9-10.0 s with the seven secondary indexes, 3.9 s without);
-- this index is partial (CPPO invoices only, none in the bench's month), so it is dropped for the channel partners'
-- recomputes, not for P4's figure.
DROP INDEX finance_invoice_by_resale_authorization;
