namespace CalmDesk.Analysis;

public sealed class SituationTests
{
    [Theory]
    [InlineData("You sent the wrong items: we ordered 750ml bottles and got 330ml.", "wrong_delivery")]
    [InlineData("Ci avete consegnato merce sbagliata, avevamo ordinato altro.", "wrong_delivery")]
    [InlineData("Μας στείλατε λάθος προϊόν, δεν είναι αυτό που παραγγείλαμε.", "wrong_delivery")]
    [InlineData("Your invoice is wrong: you overcharged us for 15 units.", "billing_dispute")]
    [InlineData("La fattura è errata, ci avete addebitato due volte.", "billing_dispute")]
    [InlineData("Το τιμολόγιο είναι λάθος, μας χρεώσατε δύο φορές.", "billing_dispute")]
    [InlineData("A 12% price increase is far too expensive for us.", "price_objection")]
    [InlineData("Questo aumento dei prezzi è inaccettabile, siete troppo cari.", "price_objection")]
    [InlineData("Η αύξηση τιμών είναι υπερβολική, είστε πολύ ακριβοί.", "price_objection")]
    [InlineData("The old way always worked, why do we need your new system?", "change_resistance")]
    [InlineData("Il telefono ha sempre funzionato, non vogliamo il nuovo portale.", "change_resistance")]
    [InlineData("Το τηλέφωνο δούλευε μια χαρά, δεν θέλουμε νέα πλατφόρμα.", "change_resistance")]
    [InlineData("How long have you been doing this? I've never heard of you.", "credibility_challenge")]
    [InlineData("Da quanto tempo fa questo lavoro? Non l'ho mai sentita nominare.", "credibility_challenge")]
    [InlineData("Πόσο καιρό κάνετε αυτή τη δουλειά; Δεν έχουμε ακούσει ποτέ για εσάς.", "credibility_challenge")]
    [InlineData("Cash flow is tight, can we agree a payment plan?", "payment_delay")]
    [InlineData("Abbiamo problemi di liquidità, possiamo rateizzare?", "payment_delay")]
    [InlineData("Έχουμε πρόβλημα ρευστότητας, μπορούμε να το κάνουμε σε δόσεις;", "payment_delay")]
    [InlineData("We need everything by tomorrow morning, for free.", "unrealistic_demand")]
    [InlineData("Ci serve tutto entro domattina, gratis.", "unrealistic_demand")]
    [InlineData("Τα θέλουμε όλα μέχρι αύριο το πρωί, δωρεάν.", "unrealistic_demand")]
    [InlineData("Could you backdate the invoice? Nobody will notice.", "unethical_request")]
    [InlineData("Può retrodatare la fattura? Nessuno se ne accorgerà.", "unethical_request")]
    [InlineData("Βάλτε αναδρομική ημερομηνία, κανείς δεν θα το καταλάβει.", "unethical_request")]
    [InlineData("Can you do a Sunday delivery without the deposit?", "boundary_request")]
    [InlineData("Potete consegnare di domenica senza acconto?", "boundary_request")]
    [InlineData("Μπορείτε να παραδώσετε την Κυριακή χωρίς προκαταβολή;", "boundary_request")]
    [InlineData("I want a full refund, give me my money back.", "refund_demand")]
    [InlineData("Voglio il rimborso completo.", "refund_demand")]
    [InlineData("Θέλω επιστροφή χρημάτων.", "refund_demand")]
    [InlineData("I wrote on Monday and had no reply, still waiting.", "late_response_complaint")]
    [InlineData("Ho scritto lunedì e ancora nessuna risposta.", "late_response_complaint")]
    [InlineData("Έγραψα τη Δευτέρα και καμία απάντηση, ακόμα περιμένω.", "late_response_complaint")]
    [InlineData("Great job on the event, your team went above and beyond!", "praise")]
    [InlineData("Complimenti, ottimo lavoro per l'evento!", "praise")]
    [InlineData("Συγχαρητήρια, εξαιρετική δουλειά στην εκδήλωση!", "praise")]
    public void Analyze_Situation_IsFoundWithEvidence(string text, string kind)
    {
        var result = MessageAnalyzer.Default.Analyze(text);

        Assert.Contains(result.Situations, s => s.Kind == kind && s.Score >= 0.5);
        Assert.Contains(result.Evidence, e => e.Label == "situation:" + kind);
    }

    [Theory]
    [InlineData("Could you send me the new price list when it's ready?")]
    [InlineData("Mi manda il listino prezzi aggiornato?")]
    public void Analyze_PlainQuestionAboutPrices_IsNotAnObjection(string text) =>
        Assert.DoesNotContain(MessageAnalyzer.Default.Analyze(text).Situations, s => s.Kind == "price_objection");
}
