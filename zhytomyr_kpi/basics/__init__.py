"""The basics every room uses: errors, paths, safe reading and writing, Ukrainian wording.

``errors`` (the two error types users see, one line each), ``paths`` (the project's folders
and default inputs), ``safe_io`` (bounded reads of regular files, atomic writes, guarded
outputs, all-or-nothing folders), ``wording`` (plural agreement, numbers as Ukrainian
documents print them). They import nothing else of the package.
"""
