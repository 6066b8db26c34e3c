"""Pure Python over data from storage: text normalisation, evidence, ranking and routing.
Nothing here touches a network."""
