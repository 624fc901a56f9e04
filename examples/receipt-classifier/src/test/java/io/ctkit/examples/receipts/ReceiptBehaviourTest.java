package io.ctkit.examples.receipts;

import static io.ctkit.testkit.ModelAssertions.assertThat;

import io.ctkit.testkit.BehaviourCase;
import io.ctkit.testkit.ModelEvaluation;
import io.ctkit.testkit.ModelQualityTest;
import io.ctkit.testkit.Perturbation;
import java.util.Map;

/**
 * How the classifier responds to the text of a receipt, on every holdout receipt (in the manner of
 * CheckList): it files obvious receipts right, shrugs off how a merchant's name is typed, and hears
 * the words that mean lodging.
 */
class ReceiptBehaviourTest {

    /** Minimum functionality: one receipt per category that no bookkeeper would get wrong. */
    @ModelQualityTest(data = "data/holdout.csv", label = "category", resamples = 0)
    void filesObviousReceiptsInTheirCategory(ModelEvaluation evaluation) {
        assertThat(evaluation).passesCases(
                receipt("Lufthansa", "flight boarding pass", 240.0).expectsClass("travel"),
                receipt("Marriott", "hotel room night", 160.0).expectsClass("lodging"),
                receipt("Vapiano", "lunch Getränke", 24.0).expectsClass("meals"),
                receipt("Aral", "diesel 40 liters", 75.0).expectsClass("fuel"),
                receipt("Staples", "printer paper toner", 45.0).expectsClass("office_supplies"),
                receipt("Atlassian", "annual plan licence", 60.0).expectsClass("software"),
                receipt("Vodafone", "mobile plan roaming", 40.0).expectsClass("telecom"),
                receipt("DHL", "parcel postage", 30.0).expectsClass("other"));
    }

    /** The hashed text is lower-cased before it is read, so the merchant's case cannot matter. */
    @ModelQualityTest(data = "data/holdout.csv", label = "category", resamples = 0)
    void ignoresTheCaseOfTheMerchantName(ModelEvaluation evaluation) {
        assertThat(evaluation).under(Perturbation.upperCase("merchant")).isInvariant();
        assertThat(evaluation).under(Perturbation.lowerCase("merchant")).isInvariant();
    }

    /**
     * One typo in the merchant's name makes it a word the model has never seen. The probabilities
     * may move, but where the line items say what was bought the predicted category must stay.
     * About one receipt in ten says nothing else ("Summe", "VAT", "qty 1"): there the name was all
     * the model had, so up to 20% of the receipts may change their category.
     */
    @ModelQualityTest(data = "data/holdout.csv", label = "category", resamples = 0)
    void shrugsOffOneTypoInTheMerchantName(ModelEvaluation evaluation) {
        assertThat(evaluation).under(Perturbation.typo("merchant", 7)).allowingFailureRate(0.2)
                .keepsItsPredictedClass();
    }

    /** "hotel" or its German "Übernachtung" on a receipt makes lodging more likely, whatever else it says. */
    @ModelQualityTest(data = "data/holdout.csv", label = "category", resamples = 0)
    void readsHotelAndUbernachtungAsLodging(ModelEvaluation evaluation) {
        assertThat(evaluation).under(withItem("hotel")).ofClass("lodging").rises();
        assertThat(evaluation).under(withItem("Übernachtung")).ofClass("lodging").rises();
    }

    /** The word appended to the receipt's line items. */
    static Perturbation withItem(String word) {
        return Perturbation.of("add " + word + " to the items", row -> {
            row.put("items", row.get("items") + " " + word);
            return row;
        });
    }

    /** A receipt paid in Germany on a Wednesday with the corporate card: only the text and amount vary. */
    static BehaviourCase.Start receipt(String merchant, String items, double amount) {
        return BehaviourCase.of(merchant + ": " + items, Map.of("merchant", merchant, "items", items, "amount", amount,
                "currency", "EUR", "country", "DE", "weekday", "wed", "payment_method", "corporate_card"));
    }
}
