"""Letters to victims: the written acknowledgement (Right 3), the Victim Care Unit's letter after
unsuccessful contact attempts, and key-stage updates, in the victim's language or bilingual.

kinds.py holds the rules (which language, who may produce which letter), wording.py the text that
is chosen in Python (stages, rights, support services), text.py the letters' own message catalogue,
services.py what a letter says and the record of it, views.py the pages.
"""
