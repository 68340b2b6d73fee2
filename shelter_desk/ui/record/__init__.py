"""Where the features meet around one person: the person record and the Balie page.

The record (`person_view`) composes the panels of several features (plan, handover, card, bed
dialogs); every page, the Balie too, opens it through `ui.shared.records`, so loading the Balie
does not load the record and the features it reaches. The record registers itself when loaded.
"""
