"""Everything that makes and manages the caption model: base models, prompt, dataset, training,
adapters and the version registry."""
