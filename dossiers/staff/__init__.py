"""The civil servants' side of the dossiers app: queues, the dossier page, actions, counter intake,
the tracking book and the leaders' overview. URL prefix /can-bo/."""
