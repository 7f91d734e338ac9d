import type { PushOption } from './sandbox.types';

/**
 * Codat's own Xero "get create model" examples, copied unchanged from Codat-Lending.yaml so the
 * sandbox answers exactly what Codat documents for a Xero connection. Source pointer per constant.
 */

/** #/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1chartOfAccounts/get/responses/200/content/application~1json/examples/Xero/value */
export const XERO_CHART_OF_ACCOUNTS_OPTIONS: PushOption = {
  "type": "Object",
  "displayName": "Nominal Account",
  "description": "Nominal Accounts are the categories a business uses to record transactions",
  "properties": {
    "nominalCode": {
      "type": "String",
      "displayName": "Nominal Code",
      "description": "Identifier for the nominal account.",
      "required": true,
      "validation": {"warnings":[{"field":"NominalCode","details":"Max length of 10 characters."}],"information":[]}
    },
    "name": {
      "type": "String",
      "displayName": "Name",
      "description": "Name of account as it appears in the chart of accounts or general ledger.",
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"Name","details":"Payments are enabled to this account if the name ends in .PaymentsEnabled."}]}
    },
    "description": {"type":"String","displayName":"Description","description":"Description for the nominal account.","required":false},
    "fullyQualifiedCategory": {
      "type": "String",
      "displayName": "Fully Qualified Category",
      "description": "Account type and category for nominal account.",
      "options": [
        {"value":"Asset.Current","type":"String","displayName":"Current Asset","required":false},
        {"value":"Asset.Fixed","type":"String","displayName":"Fixed Asset","required":false},
        {"value":"Asset.Inventory","type":"String","displayName":"Inventory","required":false},
        {"value":"Asset.NonCurrent","type":"String","displayName":"Non-current Asset","required":false},
        {"value":"Asset.Prepayment","type":"String","displayName":"Prepayment","required":false},
        {"value":"Expense.DirectCosts","type":"String","displayName":"Direct Costs","required":false},
        {"value":"Expense.Expense","type":"String","displayName":"Expense","required":false},
        {"value":"Expense.Overhead","type":"String","displayName":"Overhead","required":false},
        {"value":"Expense.Superannuation","type":"String","displayName":"Superannuation","required":false},
        {"value":"Expense.Wages","type":"String","displayName":"Wages","required":false},
        {"value":"Income.Sales","type":"String","displayName":"Sales","required":false},
        {"value":"Income.Revenue","type":"String","displayName":"Revenue","required":false},
        {"value":"Income.Other","type":"String","displayName":"Other Income","required":false},
        {"value":"Liability.Current","type":"String","displayName":"Current Liability","required":false},
        {"value":"Liability.Depreciation","type":"String","displayName":"Depreciation","required":false},
        {"value":"Liability.Liability","type":"String","displayName":"Liability","required":false},
        {"value":"Liability.NonCurrent","type":"String","displayName":"Non Current Liability","required":false},
        {"value":"Liability.PayAsYouGo","type":"String","displayName":"Pay As You Go Liability","required":false},
        {"value":"Liability.Superannuation","type":"String","displayName":"Superannuation Liability","required":false},
        {"value":"Liability.WagesPayable","type":"String","displayName":"Wages Payable Liability","required":false},
        {"value":"Equity.Equity","type":"String","displayName":"Equity","required":false}
      ],
      "required": true
    }
  },
  "required": true
};

/** #/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1suppliers/get/responses/200/content/application~1json/examples/Xero/value */
export const XERO_SUPPLIERS_OPTIONS: PushOption = {
  "type": "Object",
  "displayName": "Suppliers",
  "description": "An accounts payable contact that supplies good or services, also referred to as a vendor.",
  "properties": {
    "supplierName": {"type":"String","displayName":"Name","description":"Name of the supplier.","required":true},
    "phone": {
      "type": "String",
      "displayName": "Phone",
      "description": "Main contact phone number for the supplier.",
      "required": false,
      "validation": {"warnings":[{"field":"phone","details":"Country, area, and number are space separated"}],"information":[]}
    },
    "emailAddress": {"type":"String","displayName":"Email","description":"Main contact email for the supplier.","required":false},
    "registrationNumber": {
      "type": "String",
      "displayName": "Registration Number",
      "description": "Legal company registration identifier.",
      "required": false,
      "validation": {"warnings":[{"field":"registrationNumber","details":"Max length of 50 characters"}],"information":[]}
    },
    "taxNumber": {"type":"String","displayName":"Tax Number","description":"Legal tax registration identifier.","required":false},
    "status": {
      "type": "String",
      "displayName": "Status",
      "description": "Status of the supplier account.",
      "options": [
        {"value":"Active","type":"String","displayName":"Active","required":false},
        {"value":"InActive","type":"String","displayName":"Inactive","required":false}
      ],
      "required": false
    },
    "addresses": {
      "type": "Array",
      "displayName": "Addresses",
      "description": "Contact addresses for the supplier.",
      "properties": {
        "line1": {
          "type": "String",
          "displayName": "Address Line 1",
          "description": "First line of the address.",
          "required": false,
          "validation": {"warnings":[{"field":"addresses.line1","details":"Max length of 500 characters."}],"information":[]}
        },
        "line2": {
          "type": "String",
          "displayName": "Address Line 2",
          "description": "Second line of the address.",
          "required": false,
          "validation": {"warnings":[{"field":"addresses.line2","details":"Max length of 500 characters."}],"information":[]}
        },
        "city": {
          "type": "String",
          "displayName": "City",
          "description": "Local city for the address.",
          "required": false,
          "validation": {"warnings":[{"field":"addresses.city","details":"Max length of 255 characters."}],"information":[]}
        },
        "region": {
          "type": "String",
          "displayName": "Region",
          "description": "Region the address is located in.",
          "required": false,
          "validation": {"warnings":[{"field":"addresses.region","details":"Max length of 255 characters."}],"information":[]}
        },
        "country": {
          "type": "String",
          "displayName": "Country",
          "description": "Country for the address.",
          "required": false,
          "validation": {"warnings":[{"field":"addresses.country","details":"Max length of 50 characters."}],"information":[]}
        },
        "postalCode": {
          "type": "String",
          "displayName": "Postal code",
          "description": "Post or Zip code for the address.",
          "required": false,
          "validation": {
            "warnings": [
              {"field":"addresses.postalCode","details":"Only English alphabet characters are permitted."},
              {"field":"addresses.postalCode","details":"Max length of 50 characters."}
            ],
            "information": []
          }
        },
        "type": {
          "type": "String",
          "displayName": "Type",
          "description": "The type of address as it related to the supplier.",
          "options": [
            {"value":"Billing","type":"String","displayName":"Billing Address","required":false},
            {"value":"Delivery","type":"String","displayName":"Delivery Address","required":false}
          ],
          "required": true,
          "validation": {"warnings":[{"field":"addresses.type","details":"Billing = POBOX, Delivery/Unknown = DELIVERY"}],"information":[]}
        }
      },
      "required": false
    }
  },
  "required": true
};

/** #/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1transfers/get/responses/200/content/application~1json/examples/Xero/value */
export const XERO_TRANSFERS_OPTIONS: PushOption = {
  "type": "Object",
  "displayName": "Transfer",
  "description": "Transfers to or from a bank account",
  "properties": {
    "date": {"type":"DateTime","displayName":"Transfer Date","description":"The date the transfer occurred","required":true},
    "from": {
      "type": "Object",
      "displayName": "Transfered From",
      "description": "The account and amount that money was transfered from",
      "properties": {
        "accountRef": {
          "type": "Object",
          "displayName": "Account Reference",
          "description": "Reference to the bank or nominal account",
          "properties": {
            "id": {
              "type": "String",
              "displayName": "Identifier",
              "description": "The reference identifier for the record",
              "required": true,
              "validation": {"warnings":[{"field":"AccountRef.Id","details":"Must match the ID of an existing bank account."}],"information":[]}
            }
          },
          "required": true
        },
        "amount": {
          "type": "Number",
          "displayName": "Amount",
          "description": "The amount transfered",
          "required": true,
          "validation": {
            "warnings": [{"field":"From.Amount","details":"Must be equal to To.Amount."},{"field":"From.Amount","details":"Must be greater than zero."}],
            "information": []
          }
        },
        "status": {
          "type": "String",
          "displayName": "Status",
          "description": "The status of the transfer in the account",
          "options": [
            {"value":"Unknown","type":"String","displayName":"Unknown","required":false},
            {"value":"Unreconciled","type":"String","displayName":"Unreconciled","required":false},
            {"value":"Reconciled","type":"String","displayName":"Reconciled","required":false}
          ],
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"From.Status","details":"Must be provided."}]}
        }
      },
      "required": true
    },
    "to": {
      "type": "Object",
      "displayName": "Transfered To",
      "description": "The account and amount that money was transfered to",
      "properties": {
        "accountRef": {
          "type": "Object",
          "displayName": "Account Reference",
          "description": "Reference to the bank or nominal account",
          "properties": {
            "id": {
              "type": "String",
              "displayName": "Identifier",
              "description": "The reference identifier for the record",
              "required": true,
              "validation": {"warnings":[{"field":"AccountRef.Id","details":"Must match the ID of an existing bank account."}],"information":[]}
            }
          },
          "required": true
        },
        "amount": {
          "type": "Number",
          "displayName": "Amount",
          "description": "The amount transfered",
          "required": true,
          "validation": {
            "warnings": [{"field":"To.Amount","details":"Must be equal to From.Amount."},{"field":"To.Amount","details":"Must be greater than zero."}],
            "information": []
          }
        },
        "status": {
          "type": "String",
          "displayName": "Status",
          "description": "The status of the transfer in the account",
          "options": [
            {"value":"Unknown","type":"String","displayName":"Unknown","required":false},
            {"value":"Unreconciled","type":"String","displayName":"Unreconciled","required":false},
            {"value":"Reconciled","type":"String","displayName":"Reconciled","required":false}
          ],
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"To.Status","details":"Must be provided."}]}
        }
      },
      "required": true
    }
  },
  "required": true
};

/** #/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1directCosts/get/responses/200/content/application~1json/examples/Xero/value */
export const XERO_DIRECT_COSTS_OPTIONS: PushOption = {
  "type": "Object",
  "displayName": "Direct Cost",
  "description": "Direct Cost",
  "properties": {
    "issueDate": {
      "type": "DateTime",
      "displayName": "Issue Date",
      "description": "The date the direct transaction was issued",
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"IssueDate","details":"Must be provided."}]}
    },
    "reference": {
      "type": "String",
      "displayName": "Reference",
      "description": "User friendly reference for the direct transaction",
      "required": false,
      "validation": {"warnings":[],"information":[{"field":"Reference","details":"Must not exceed 255 characters."}]}
    },
    "currency": {
      "type": "String",
      "displayName": "Currency",
      "description": "The currency of the direct transaction",
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"Currency","details":"Must be provided."}]}
    },
    "currencyRate": {
      "type": "Number",
      "displayName": "Currency Exchange Rate",
      "description": "The exchange rate between the currency of the direct transaction and the base currency of the company",
      "required": false
    },
    "taxAmount": {
      "type": "Number",
      "displayName": "Tax Amount",
      "description": "The total amount of tax on the direct transaction",
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"TaxAmount","details":"Must be provided."}]}
    },
    "totalAmount": {
      "type": "Number",
      "displayName": "Total Amount",
      "description": "The amount of the direct transaction, inclusive of tax",
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"TotalAmount","details":"Must be provided."}]}
    },
    "contactRef": {
      "type": "Object",
      "displayName": "Contact Ref",
      "description": "The contact associated with the direct transaction, if known",
      "properties": {
        "id": {
          "type": "String",
          "displayName": "Identifier",
          "description": "The reference identifier for the record",
          "required": true,
          "validation": {
            "warnings": [
              {"field":"ContactRef.Id","details":"Must be a valid GUID."},
              {"field":"ContactRef.Id","details":"Must match the ID of an existing contact."}
            ],
            "information": [{"field":"ContactRef.Id","details":"Must be provided."}]
          }
        }
      },
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"ContactRef","details":"Must be provided."}]}
    },
    "paymentAllocations": {
      "type": "Array",
      "displayName": "Payment Allocations",
      "description": "A collection of payments allocated to the direct transaction",
      "properties": {
        "payment": {
          "type": "Object",
          "displayName": "Payment",
          "description": "The payment to be allocated",
          "properties": {
            "accountRef": {
              "type": "Object",
              "displayName": "Account Reference",
              "description": "Reference to the account associated with the allocated payment",
              "properties": {
                "id": {
                  "type": "String",
                  "displayName": "Account ID",
                  "description": "The identifier for the account",
                  "required": true,
                  "validation": {
                    "warnings": [
                      {"field":"AccountRef.Id","details":"Must be a bank account."},
                      {"field":"AccountRef.Id","details":"Must match the ID of an existing bank account."}
                    ],
                    "information": [{"field":"AccountRef.Id","details":"Must be provided."}]
                  }
                }
              },
              "required": true,
              "validation": {"warnings":[],"information":[{"field":"Payment.AccountRef","details":"Must be provided."}]}
            }
          },
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"PaymentAllocations.Payment","details":"Must be provided."}]}
        },
        "allocation": {
          "type": "Object",
          "displayName": "Allocation",
          "description": "The allocation information",
          "properties": {
            "totalAmount": {
              "type": "Number",
              "displayName": "Total Amount",
              "description": "The total amount that has been allocated",
              "required": true,
              "validation": {
                "warnings": [{"field":"Allocation.TotalAmount","details":"Must be equal to the sum of line items."}],
                "information": [{"field":"Allocation.TotalAmount","details":"Must be provided."}]
              }
            }
          },
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"PaymentAllocations.Allocation","details":"Must be provided."}]}
        }
      },
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"PaymentAllocations","details":"Must be provided."}]}
    },
    "lineItems": {
      "type": "Array",
      "displayName": "Direct Transaction Lines",
      "description": "A collection of lines that detail items related to the direct transaction",
      "properties": {
        "description": {
          "type": "String",
          "displayName": "Description",
          "description": "Friendly name of the goods or services purchased",
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"LineItems.Description","details":"Must not be longer than 4000 characters long."}]}
        },
        "quantity": {
          "type": "Number",
          "displayName": "Quantity",
          "description": "The number of units of goods or services purchased",
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"LineItems.Quantity","details":"Must be provided."}]}
        },
        "unitAmount": {
          "type": "Number",
          "displayName": "Unit Amount",
          "description": "The price of each unit of goods or services",
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"LineItems.UnitAmount","details":"Must be provided."}]}
        },
        "totalAmount": {
          "type": "Number",
          "displayName": "Total Amount",
          "description": "The total amount of the line, inclusive of discounts and tax",
          "required": false,
          "validation": {
            "warnings": [
              {
                "field": "LineItems.TotalAmount",
                "details": "When negative, the push item will be converted to a DirectIncome and will be pushed accordingly."
              }
            ],
            "information": [{"field":"LineItems.TotalAmount","details":"When one line is negative, all lines must be negative."}]
          }
        },
        "taxAmount": {
          "type": "Number",
          "displayName": "Tax Amount",
          "description": "The amount of tax for the line",
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"LineItems.TaxAmount","details":"Must be provided."}]}
        },
        "accountRef": {
          "type": "Object",
          "displayName": "Nominal Account Reference",
          "description": "Reference to the nominal account the line item is linked to",
          "properties": {
            "id": {
              "type": "String",
              "displayName": "Account ID",
              "description": "The identifier for the account",
              "required": true,
              "validation": {
                "warnings": [
                  {"field":"AccountRef.Id","details":"Must be a valid GUID."},
                  {"field":"AccountRef.Id","details":"Must match the ID of an existing account."}
                ],
                "information": [{"field":"AccountRef.Id","details":"Must be provided."}]
              }
            }
          },
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"LineItems.AccountRef","details":"Must be provided."}]}
        },
        "trackingCategoryRefs": {
          "type": "Array",
          "displayName": "Tracking Category References",
          "description": "A collection of categories this item is being tracked against",
          "properties": {
            "id": {
              "type": "String",
              "displayName": "Identifier",
              "description": "The identifier for the item, unique per tracking category",
              "required": true,
              "validation": {"warnings":[],"information":[{"field":"TrackingCategoryRefs.Id","details":"Must be provided."}]}
            }
          },
          "required": false,
          "validation": {
            "warnings": [],
            "information": [
              {"field":"LineItems.TrackingCategoryRefs","details":"Tracking categories must not have the same parent tracking category."},
              {"field":"LineItems.TrackingCategoryRefs","details":"Maximum of 2 Tracking Categories."}
            ]
          }
        },
        "taxRateRef": {
          "type": "Object",
          "displayName": "Tax Rate Reference",
          "description": "Reference to the tax rate code the line item is linked to",
          "properties": {
            "id": {
              "type": "String",
              "displayName": "Identifier",
              "description": "The reference identifier for the tax rate",
              "required": false,
              "validation": {
                "warnings": [{"field":"TaxRateRef.Id","details":"Must match the ID of an existing tax rate."}],
                "information": [{"field":"TaxRateRef.Id","details":"If not provided, will be set to the default tax rate for the line's account."}]
              }
            }
          },
          "required": false
        },
        "itemRef": {
          "type": "Object",
          "displayName": "Item Reference",
          "description": "Reference to the product or service type, or inventory item",
          "properties": {
            "id": {
              "type": "String",
              "displayName": "Identifier",
              "description": "The reference identifier for the item",
              "required": false,
              "validation": {
                "warnings": [{"field":"ItemRef.Id","details":"Must be a valid GUID."},{"field":"ItemRef.Id","details":"Must match the ID of an existing item."}],
                "information": []
              }
            }
          },
          "required": false
        }
      },
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"LineItems","details":"Must be provided."}]}
    }
  },
  "required": true,
  "validation": {"warnings":[{"details":"When negative, the push item will be converted to a DirectIncome and will be pushed accordingly."}],"information":[]}
};

/** #/paths/~1companies~1{companyId}~1connections~1{connectionId}~1options~1payments/get/responses/200/content/application~1json/examples/Xero/value */
export const XERO_PAYMENTS_OPTIONS: PushOption = {
  "type": "Object",
  "displayName": "Payment",
  "description": "A payment represents an allocation of transactions across an 'accounts receivable' account (customer)",
  "properties": {
    "customerRef": {
      "type": "Object",
      "displayName": "Customer Reference",
      "description": "Reference to the customer the payment has been sent by",
      "properties": {
        "id": {
          "type": "String",
          "displayName": "Identifier",
          "description": "The reference identifier for the customer",
          "required": true,
          "validation": {
            "warnings": [
              {"field":"CustomerRef.Id","details":"Must be a valid GUID."},
              {"field":"CustomerRef.Id","details":"Must match the ID of an existing account."}
            ],
            "information": [{"field":"CustomerRef.Id","details":"Must be provided."}]
          }
        }
      },
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"CustomerRef","details":"Must be provided."}]}
    },
    "accountRef": {
      "type": "Object",
      "displayName": "Nominal Account Reference",
      "description": "Reference to the nominal account the payment is linked to",
      "properties": {
        "id": {
          "type": "String",
          "displayName": "Account ID",
          "description": "The identifier for the account",
          "required": true,
          "validation": {
            "warnings": [
              {"field":"AccountRef.Id","details":"Must be a valid GUID."},
              {"field":"AccountRef.Id","details":"Must match the ID of an existing account."}
            ],
            "information": [{"field":"AccountRef.Id","details":"Must be either a type of BANK account or enable payments must be switched on."}]
          }
        }
      },
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"AccountRef","details":"Must be provided."}]}
    },
    "totalAmount": {
      "type": "Number",
      "displayName": "Total Amount",
      "description": "The total amount of the payment, inclusive of discounts and tax",
      "required": true,
      "validation": {
        "warnings": [{"field":"TotalAmount","details":"Must be greater than 0, unless the payment is a credit note allocation."}],
        "information": [{"field":"TotalAmount","details":"Must be provided and must equal the sum of the link items amount."}]
      }
    },
    "date": {
      "type": "DateTime",
      "displayName": "Date",
      "description": "The date the payment was recorded",
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"Date","details":"Must be provided."}]}
    },
    "reference": {"type":"String","displayName":"Reference","description":"A user friendly reference for the payment","required":false},
    "currencyRate": {
      "type": "Number",
      "displayName": "Currency Exchange Rate",
      "description": "The exchange rate between the currency of the payment and the base currency of the company",
      "required": false
    },
    "currency": {
      "type": "String",
      "displayName": "Currency",
      "description": "Currency of the payment",
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"Currency","details":"Must be provided."}]}
    },
    "lines": {
      "type": "Array",
      "displayName": "Lines",
      "description": "A collection of payment lines",
      "properties": {
        "amount": {
          "type": "Number",
          "displayName": "Amount",
          "description": "The total amount for the line in the payment currency",
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"Lines.Amount","details":"Must be provided."}]}
        },
        "links": {
          "type": "Array",
          "displayName": "Links",
          "description": "A collection of linked transactions",
          "properties": {
            "id": {
              "type": "String",
              "displayName": "Identifier",
              "description": "The identifier for the referenced transaction",
              "required": true,
              "validation": {
                "warnings": [{"field":"Links.Id","details":"Must be a valid GUID."}],
                "information": [
                  {"field":"Links.Id","details":"Invoice and Credit Note ID must be provided in order to allocate a Credit Note to an Invoice."},
                  {"field":"Links.Id","details":"Must be provided."}
                ]
              }
            },
            "amount": {
              "type": "Number",
              "displayName": "Amount",
              "description": "The amount by which the balance of the linked entity is altered, in the currency of the linked entity",
              "required": true,
              "validation": {"warnings":[],"information":[{"field":"Links.Amount","details":"Must be provided."}]}
            },
            "type": {
              "type": "String",
              "displayName": "Link Type",
              "description": "The type of transaction that is being linked",
              "options": [
                {"value":"Invoice","type":"String","displayName":"Invoice","required":false},
                {"value":"CreditNote","type":"String","displayName":"CreditNote","required":false},
                {"value":"Payment","type":"String","displayName":"Payment","required":false}
              ],
              "required": true,
              "validation": {"warnings":[],"information":[{"field":"Links.Type","details":"Must be provided."}]}
            }
          },
          "required": true,
          "validation": {"warnings":[],"information":[{"field":"Lines.Links","details":"Must be provided."}]}
        }
      },
      "required": true,
      "validation": {"warnings":[],"information":[{"field":"Lines","details":"Must be provided."}]}
    }
  },
  "required": true
};
