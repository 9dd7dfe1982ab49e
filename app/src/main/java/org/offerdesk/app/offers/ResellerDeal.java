package org.offerdesk.app.offers;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import org.offerdesk.app.money.Money;

/**
 * A reseller's deal on its partner offer for the quantities the buyer took: what it owes the ISV (the
 * wholesale cost), what the buyer pays (the wholesale prices plus its markup, per unit to the cent), and the
 * margin it keeps, the difference.
 */
public record ResellerDeal(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal markupPercent,
    Money wholesaleCost, Money buyerPrice, Money margin) {}
