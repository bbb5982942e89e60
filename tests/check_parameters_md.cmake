# Fails when doc/parameters.md differs from `heterion --print-parameters markdown`.
execute_process(COMMAND ${HETERION} --print-parameters markdown
  OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "heterion --print-parameters markdown failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUTPUT} ${REFERENCE}
  RESULT_VARIABLE different)
if(different)
  message(FATAL_ERROR "doc/parameters.md is stale. Regenerate it with: "
    "build/heterion --print-parameters markdown > doc/parameters.md")
endif()
